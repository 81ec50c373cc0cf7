/**
 * `push.call`: "New call from +33 6 12 34 56 78" (or "Missed call from …") on the phones of the members who
 * read calls and want this kind pushed (`private.push_recipients`), with the summary — or why the call ended,
 * in plain words — as the body and `{ call_id, tenant_id }` as data, through Expo's push service. A token Expo
 * answers DeviceNotRegistered is deleted at once; the others' receipts are checked later (`push.receipts`,
 * PUSH_RECEIPT_DELAY_S on), as Expo asks.
 */
import { type EndedReasonKey, endedReasonKey } from '../../../../shared/ended-reasons.ts'
import { notificationBody, notificationTitle } from '../../_shared/call-records.ts'
import { enqueueJob, GiveUp, type Job } from '../../_shared/jobs.ts'
import { type PushMessage, PushRejected, type PushTicket } from '../../_shared/push.ts'
import type { JobsDeps } from '../deps.ts'
import { jobTenant } from './tenant-vapi.ts'
import { forgetDevices } from './push-receipts.ts'

const ENDED: Record<EndedReasonKey, string> = {
  caller_hung_up: 'The caller hung up',
  assistant_hung_up: 'The assistant ended the call',
  forwarded: 'The call was forwarded',
  no_answer: 'Nobody answered',
  busy: 'The line was busy',
  voicemail: 'The call went to voicemail',
  failed_to_connect: 'The call did not connect',
  silence: 'The call ended after a silence',
  max_duration: 'The call reached its maximum length',
  error: 'The call ended on an error',
  other: 'The call ended',
}

interface CallForPush {
  direction: 'inbound' | 'outbound' | 'web'
  from_number: string | null
  to_number: string | null
  summary: string | null
  ended_reason: string | null
  country: string
}

export async function pushCall(job: Job<'push.call'>, deps: JobsDeps): Promise<void> {
  const tenant = jobTenant(job)
  const { call_id: callId, kind } = job.payload
  const found = await deps.db.asService(async (tx) => {
    const [call] = await tx<CallForPush[]>`
      select c.direction, c.from_number, c.to_number, c.summary, c.ended_reason, t.country
      from public.calls c join public.tenants t on t.id = c.tenant_id
      where c.tenant_id = ${tenant} and c.id = ${callId}`
    const recipients = call
      ? await tx<{ token: string }[]>`select distinct token from private.push_recipients(${tenant}, ${kind})`
      : []
    return { call, tokens: recipients.map((r) => r.token) }
  })
  // Erased meanwhile, or nobody to tell.
  if (!found.call || found.tokens.length === 0) return

  const { call } = found
  const caller = call.direction === 'outbound' ? call.to_number : call.from_number
  const title = notificationTitle(kind, call.direction, caller, call.country)
  const reason = endedReasonKey(call.ended_reason)
  const body = notificationBody(call.summary, reason && ENDED[reason]) ?? ''
  const data = { call_id: callId, tenant_id: tenant }
  const tickets = await send(deps, found.tokens.map((to) => ({ to, title, body, data })))

  const sent: { id: string; token: string }[] = []
  const unregistered: string[] = []
  const errors: string[] = []
  tickets.forEach((ticket, i) => {
    const token = found.tokens[i]
    if (ticket.status === 'ok') sent.push({ id: ticket.id, token })
    else if (ticket.details?.error === 'DeviceNotRegistered') unregistered.push(token)
    else errors.push(ticket.details?.error ?? 'unknown')
  })
  if (errors.length > 0) {
    deps.log.warn('jobs.push.ticket_errors', { call_id: callId, errors: errors.join(',') })
  }

  await deps.db.asService(async (tx) => {
    await forgetDevices(tx, unregistered)
    if (sent.length === 0) return
    await tx`update public.push_devices set last_used_at = now() where token in ${
      tx(sent.map((s) => s.token))
    }`
    await enqueueJob(tx, {
      kind: 'push.receipts',
      tenantId: tenant,
      payload: { tickets: sent },
      runAt: new Date(deps.clock.now().getTime() + deps.jobs.PUSH_RECEIPT_DELAY_S * 1000),
    })
  })
}

/** Expo down or busy is retried with the job; Expo refusing the request as a whole (credentials) is not. */
async function send(deps: JobsDeps, messages: PushMessage[]): Promise<PushTicket[]> {
  try {
    return await deps.push.send(messages)
  } catch (error) {
    if (error instanceof PushRejected) throw new GiveUp(`Expo refused the push: ${error.code}`)
    throw error
  }
}
