/**
 * The one module contract of a function: `handler.ts` default-exports `defineFunction(...)`, and its
 * index.ts (deployed), the local gateway and the tests all use that same typed object: build the deps from
 * the environment, then the handler from the deps.
 */
import type { Contract, RouteSpec } from '../../../shared/contracts/route.ts'
import { type CoreDeps, createCoreDeps } from './deps.ts'
import type { EnvSource } from './env.ts'
import { createApp } from './http.ts'
import { bindRoute, type Operation } from './routes.ts'

export type Handler = (req: Request) => Promise<Response>

/** One operation per entry of the route table: a missing or extra one is a type error. */
export type Operations<C extends Contract, D> = { [K in keyof C['routes']]: Operation<C['routes'][K], D> }

export interface FunctionDefinition<C extends Contract, E extends object> {
  contract: C
  /**
   * The function's own dependencies beyond the core ones, from its own slice of the environment (a provider
   * client, say): nothing another function needs, and nothing of a provider this one does not call.
   */
  deps?: (core: CoreDeps, source: EnvSource) => E
  operations: Operations<C, CoreDeps & E>
}

export interface FunctionModule<D extends CoreDeps = CoreDeps> {
  readonly name: string
  readonly contract: Contract
  /** Core deps (shared when given, as the gateway does for every function) plus the function's own. */
  createDeps(source?: EnvSource, core?: CoreDeps): D
  createHandler(deps: D): Handler
}

export function defineFunction<C extends Contract, E extends object = Record<never, never>>(
  definition: FunctionDefinition<C, E>,
): FunctionModule<CoreDeps & E> {
  const { contract, operations } = definition
  return {
    name: contract.name,
    contract,
    createDeps(source = Deno.env.toObject(), core = createCoreDeps(source)) {
      return { ...core, ...(definition.deps?.(core, source) ?? ({} as E)) }
    },
    createHandler(deps) {
      const app = createApp(contract.name, deps)
      for (const [key, route] of Object.entries(contract.routes)) {
        const operation = operations[key as keyof C['routes']] as Operation<RouteSpec, CoreDeps & E>
        bindRoute(app, contract.name, route, operation, deps)
      }
      return async (req) => await app.fetch(req)
    },
  }
}

/** For the gateway, which imports handler.ts by path: is this a module defineFunction made? */
export function isFunctionModule(value: unknown): value is FunctionModule {
  if (typeof value !== 'object' || value === null) return false
  const candidate = value as Partial<FunctionModule>
  return typeof candidate.name === 'string' && typeof candidate.createDeps === 'function' &&
    typeof candidate.createHandler === 'function' && typeof candidate.contract === 'object'
}
