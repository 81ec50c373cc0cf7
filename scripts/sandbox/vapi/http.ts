/**
 * What every resource route shares: timestamps, Vapi's list query (`limit`, `createdAtGt`/`Lt`/`Ge`/`Le`,
 * `updatedAt…`, newest first, a plain array), and reading a JSON body validated against Vapi's contract.
 */
import type { Context } from 'hono'
import { vapiError } from './errors.ts'
import { validateBody, validateSchema } from './validation.ts'

let last = 0
/** An ISO timestamp, strictly increasing within the process, so that lists and time cursors are stable. */
export function timestamp(): string {
  last = Math.max(Date.now(), last + 1)
  return new Date(last).toISOString()
}

const RANGE = [
  'createdAtGt',
  'createdAtLt',
  'createdAtGe',
  'createdAtLe',
  'updatedAtGt',
  'updatedAtLt',
  'updatedAtGe',
  'updatedAtLe',
]

/** `items` filtered and ordered as Vapi's list endpoints do; a 400 for a bad query. */
export function listed<T extends { createdAt: string; updatedAt: string }>(
  c: Context,
  items: Iterable<T>,
  { filter = () => true, map = (item) => item }: {
    filter?: (item: T) => boolean
    map?: (item: T) => unknown
  } = {},
): Response {
  const query = c.req.query()
  const errors: string[] = []
  let limit = 100
  if (query.limit !== undefined) {
    limit = Number(query.limit)
    if (query.limit.trim() === '' || !Number.isFinite(limit)) {
      errors.push('limit must be a number conforming to the specified constraints')
    } else if (limit < 0) errors.push('limit must not be less than 0')
    else if (limit > 1000) errors.push('limit must not be greater than 1000')
  }
  const bounds: [string, number][] = []
  for (const name of RANGE) {
    const value = query[name]
    if (value === undefined) continue
    const time = Date.parse(value)
    if (Number.isNaN(time)) errors.push(`${name} must be a valid ISO 8601 date string`)
    else bounds.push([name, time])
  }
  if (errors.length) return vapiError(400, errors)
  const inRange = (item: T) =>
    bounds.every(([name, bound]) => {
      const time = Date.parse(name.startsWith('created') ? item.createdAt : item.updatedAt)
      if (name.endsWith('Gt')) return time > bound
      if (name.endsWith('Lt')) return time < bound
      if (name.endsWith('Ge')) return time >= bound
      return time <= bound
    })
  const all = [...items].filter((item) => inRange(item) && filter(item))
  all.sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  return c.json(all.slice(0, Math.floor(limit)).map(map))
}

/** The parsed JSON body, or the 400 NestJS answers for a body that is not JSON. */
export async function readJson(c: Context): Promise<unknown | Response> {
  const text = await c.req.text()
  if (!text.trim()) return {}
  try {
    return JSON.parse(text)
  } catch (error) {
    return vapiError(400, (error as Error).message)
  }
}

/**
 * The JSON body once valid against the operation's request schema (`post`, `/assistant`) or a named
 * component schema (`{ schema: 'CreateWebhookCredentialDTO' }`); else Vapi's 400 with every message.
 */
export async function validJson<T = Record<string, unknown>>(
  c: Context,
  operation: [method: string, path: string] | { schema: string },
): Promise<T | Response> {
  const body = await readJson(c)
  if (body instanceof Response) return body
  const errors = Array.isArray(operation)
    ? validateBody(operation[0], operation[1], body)
    : validateSchema(operation.schema, body)
  if (errors.length) return vapiError(400, errors)
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return vapiError(400, ['body must be an object'])
  }
  return body as T
}

/** A PATCH as Vapi applies it: each top-level field sent replaces the stored one; null removes it. */
export function merged<T extends object>(stored: T, patch: Record<string, unknown>): T {
  const out: Record<string, unknown> = { ...stored, ...patch, updatedAt: timestamp() }
  for (const [key, value] of Object.entries(patch)) if (value === null) delete out[key]
  return out as T
}
