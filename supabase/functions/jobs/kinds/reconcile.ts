/**
 * `calls.reconcile`: what the webhook missed. Vapi's deliveries can all fail (our outage past its retries, a
 * rotated secret, a deleted server URL); the tenant's Vapi organisation still knows its calls. Every 5
 * minutes, per tenant with a Vapi key:
 *
 * 1. Vapi's calls created in the last WINDOW_HOURS (`GET /call?createdAtGt=…`, page by page): each one that
 *    ended more than GRACE_MINUTES ago (its report may still be on its way before that) and that we have not
 *    completed — no row, or no `report_at` — is read whole (`GET /call/:id`, fresh recording URLs) and
 *    completed with the webhook's own `completeCall`: the recording copy, notifications and push follow.
 *    Only calls of this tenant's assistants, squads or numbers (or carrying its `metadata.tenant_id`).
 * 2. Our calls still not ended STUCK_HOURS after they started: Vapi's word on each (`GET /call/:id`).
 *    Ended there: completed as above. Unknown to Vapi (404): marked ended with `ended_reason = 'unknown'`
 *    and no end time — nothing is known of how it went, so no notification is sent. Still live there: left.
 */
import type { Vapi, VapiClient } from '@vapi-ai/server-sdk'
import { callRefs, completeCall } from '../../_shared/call-records.ts'
import type { Job } from '../../_shared/jobs.ts'
import { unlessGone, vapiCall } from '../../_shared/voice.ts'
import type { JobsDeps } from '../deps.ts'
import { jobTenant, jobVapi } from './tenant-vapi.ts'

const WINDOW_HOURS = 6
const GRACE_MINUTES = 10
const STUCK_HOURS = 2
const PAGE = 100
const MAX_PAGES = 10
const MAX_STUCK = 50

export async function reconcileCalls(job: Job<'calls.reconcile'>, deps: JobsDeps): Promise<void> {
  const tenant = jobTenant(job)
  const vapi = await jobVapi(deps, tenant)
  if (!vapi) return
  const now = deps.clock.now().getTime()
  const settled = (call: Vapi.Call) =>
    call.status === 'ended' && Date.parse(call.endedAt ?? call.updatedAt) < now - GRACE_MINUTES * 60_000

  const recent = await listSince(vapi, new Date(now - WINDOW_HOURS * 3_600_000))
  const reported = await reportedIds(deps, tenant, recent.filter(settled).map((c) => c.id))
  for (const listed of recent.filter(settled)) {
    if (reported.has(listed.id)) continue
    const call = await unlessGone('read the call', () => vapi.calls.get({ id: listed.id }))
    if (call) await complete(deps, tenant, call)
  }

  for (const stuck of await stuckCalls(deps, tenant, new Date(now - STUCK_HOURS * 3_600_000))) {
    const call = await unlessGone('read the call', () => vapi.calls.get({ id: stuck.vapi_call_id }))
    if (!call) await markLost(deps, tenant, stuck.id)
    else if (settled(call)) await complete(deps, tenant, call)
  }
}

/** Vapi's calls created after `since`, newest first, following `createdAtLt` from page to page. */
async function listSince(vapi: VapiClient, since: Date): Promise<Vapi.Call[]> {
  const calls: Vapi.Call[] = []
  let before: string | undefined
  for (let page = 0; page < MAX_PAGES; page++) {
    const batch = await vapiCall(
      'list the calls',
      () => vapi.calls.list({ createdAtGt: since.toISOString(), createdAtLt: before, limit: PAGE }),
    )
    calls.push(...batch)
    if (batch.length < PAGE) break
    before = batch.at(-1)!.createdAt
  }
  return calls
}

/** Which of these Vapi calls we already completed. */
async function reportedIds(deps: JobsDeps, tenant: string, vapiIds: string[]): Promise<Set<string>> {
  if (vapiIds.length === 0) return new Set()
  const rows = await deps.db.asService((tx) =>
    tx<{ vapi_call_id: string }[]>`
      select vapi_call_id from public.calls
      where tenant_id = ${tenant} and vapi_call_id in ${tx(vapiIds)} and report_at is not null`
  )
  return new Set(rows.map((r) => r.vapi_call_id))
}

/** Completes the call when it is this tenant's (as the webhook would route it); false when it is not. */
async function complete(deps: JobsDeps, tenant: string, call: Vapi.Call): Promise<boolean> {
  return await deps.db.asService(async (tx) => {
    const refs = await callRefs(tx, tenant, call)
    const claimed = [call.assistantOverrides?.metadata?.tenant_id, call.assistant?.metadata?.tenant_id]
      .filter((value): value is string => typeof value === 'string')
    const ours = refs.assistantId !== null || refs.workflowId !== null || refs.phoneNumberId !== null ||
      claimed.includes(tenant)
    if (!ours || claimed.some((value) => value !== tenant)) return false
    const { completed } = await completeCall(tx, tenant, call, { refs })
    if (completed) deps.log.info('jobs.reconcile.completed', { tenant_id: tenant, vapi_call_id: call.id })
    return completed
  })
}

async function stuckCalls(deps: JobsDeps, tenant: string, startedBefore: Date) {
  return await deps.db.asService((tx) =>
    tx<{ id: string; vapi_call_id: string }[]>`
      select id, vapi_call_id from public.calls
      where tenant_id = ${tenant} and status <> 'ended' and started_at < ${startedBefore}
      order by started_at limit ${MAX_STUCK}`
  )
}

async function markLost(deps: JobsDeps, tenant: string, id: string): Promise<void> {
  await deps.db.asService((tx) =>
    tx`
      update public.calls set status = 'ended', ended_reason = coalesce(ended_reason, 'unknown')
      where tenant_id = ${tenant} and id = ${id} and status <> 'ended'`
  )
  deps.log.warn('jobs.reconcile.lost', { tenant_id: tenant, call_id: id })
}
