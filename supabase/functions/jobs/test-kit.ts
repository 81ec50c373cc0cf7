/**
 * What the jobs tests share: the function's deps from the stack's environment, one tenant's jobs run
 * through the real registry (the stack's timer is off under `npm test`, so nothing else runs them), calls
 * played in the Vapi sandbox, and probes of the queue. Test code only.
 */
import type { Vapi } from '@vapi-ai/server-sdk'
import { type JobHandlers, type JobKind, runDueJobs } from '../_shared/jobs.ts'
import type { EnvSource } from '../_shared/env.ts'
import { createLogger } from '../_shared/log.ts'
import { testEnv, voiceTenant } from '../_shared/testing.ts'
import { playCall, type PlayCallRequest, waitForCall } from '../../../scripts/sandbox/vapi.ts'
import type { JobsDeps } from './deps.ts'
import jobs from './handler.ts'
import { JOB_HANDLERS } from './registry.ts'

/** The jobs function's deps (`env` added to the stack's; quiet logs, kept in `lines`), closed after `body`. */
export async function withJobsDeps(
  body: (deps: JobsDeps & { lines: string[] }) => Promise<void>,
  env: EnvSource = {},
): Promise<void> {
  const lines: string[] = []
  const deps = {
    ...jobs.createDeps({ ...testEnv(), ...env }),
    log: createLogger((_, line) => lines.push(line)),
    lines,
  }
  try {
    await body(deps)
  } finally {
    await deps.db.end()
  }
}

/** Runs the tenant's due jobs (of some kinds only, when given) until none is due; returns how many ran. */
export async function runTenantJobs(deps: JobsDeps, tenant: string, kinds?: JobKind[]): Promise<number> {
  const handlers: JobHandlers<JobsDeps> = kinds
    ? Object.fromEntries(kinds.map((kind) => [kind, JOB_HANDLERS[kind]]))
    : JOB_HANDLERS
  let total = 0
  for (;;) {
    const { ran } = await runDueJobs(deps, { handlers, limit: 10, workerId: 'test', tenantId: tenant })
    if (ran === 0) return total
    total += ran
  }
}

export interface JobRow {
  id: string
  kind: JobKind
  state: string
  attempts: number
  payload: Record<string, unknown>
  last_error: string | null
  next_run_at: Date
}

/** The tenant's jobs of a kind, oldest first. */
export async function jobsOf(deps: JobsDeps, tenant: string, kind: JobKind): Promise<JobRow[]> {
  const rows = await deps.db.asService((tx) =>
    tx<JobRow[]>`
      select id::text, kind, state, attempts, payload, last_error, next_run_at from public.jobs
      where tenant_id = ${tenant} and kind = ${kind} order by id`
  )
  return [...rows]
}

/** Makes the tenant's queued jobs due now, as time passing would. */
export async function makeDue(deps: JobsDeps, tenant: string): Promise<void> {
  await deps.db.asService((tx) =>
    tx`update public.jobs set next_run_at = now() where tenant_id = ${tenant} and state = 'queued'`
  )
}

/**
 * A voice tenant whose assistant (ours: a row in `assistants`) has no server URL in Vapi: its calls are
 * played by the sandbox but never delivered to our webhook, as when every delivery failed.
 */
export async function silentVoiceTenant(deps: JobsDeps) {
  const fixture = await voiceTenant(deps)
  const created = await fixture.vapi.assistants.create({
    name: 'Front desk',
    firstMessage: 'Hello, how can I help?',
  })
  const [assistant] = await deps.db.asService((tx) =>
    tx<{ id: string }[]>`
      insert into public.assistants (tenant_id, vapi_id, name, first_message)
      values (${fixture.tenant.id}, ${created.id}, 'Front desk', 'Hello, how can I help?') returning id`
  )
  return { ...fixture, assistantId: assistant.id, vapiAssistantId: created.id }
}

/** Vapi's base URL under test (the stack's sandbox). */
export const vapiBase = () => testEnv().VAPI_BASE_URL!

/** Plays a call in the tenant's sandbox organisation to its end: Vapi's Call as `GET /call/:id` answers then. */
export async function playEndedCall(key: string, body: PlayCallRequest): Promise<Vapi.Call> {
  const { call } = await playCall(vapiBase(), key, { web: !body.customerNumber, ...body })
  return (await waitForCall(vapiBase(), key, call.id)).call
}
