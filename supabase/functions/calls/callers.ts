/**
 * Everything about one caller number, for a data-subject request: a zip of their calls (detail fields and
 * events as JSON, and each stored recording), or their erasure (calls, their events and notifications by
 * cascade, the recordings, and the calls in the tenant's Vapi organisation through a job). The audit trail
 * keeps a masked number only: an erasure that left the number in clear would not be one.
 */
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max'
import { strToU8, type Zippable, zipSync } from 'fflate'
import type { Erasure } from '../../../shared/contracts/calls.ts'
import { audit } from '../_shared/audit.ts'
import { asServiceWithin, type Tx } from '../_shared/db.ts'
import { ValidationFailed } from '../_shared/errors.ts'
import { enqueueJob } from '../_shared/jobs.ts'
import type { RecordingStore } from '../_shared/storage.ts'
import { type CallDetailRow, eventsOf, recordingOf, selectDetails, toCallDetail } from './detail.ts'

export interface CallerContext {
  tx: Tx
  tenant: string
  actor: string
  recordings: RecordingStore
}

/** The number in E.164, read with the tenant's country as the default region ("06 12…" in France). */
export async function callerNumber(tx: Tx, tenant: string, raw: string): Promise<string> {
  const [{ country }] = await tx<
    { country: string }[]
  >`select country from public.tenants where id = ${tenant}`
  const parsed = parsePhoneNumberFromString(raw, country as CountryCode)
  // isPossible, not isValid: a number from a range newer than the library's metadata still called.
  if (parsed?.isPossible()) return parsed.number
  throw new ValidationFailed([
    { field: 'number', code: 'invalid_phone_number', message: 'Not a phone number (E.164: +33612345678)' },
  ])
}

/** `+33612345678` → `+33•••••••78`: enough to tell two erasures apart, not to find the person. */
export function maskNumber(e164: string): string {
  const country = parsePhoneNumberFromString(e164)?.countryCallingCode ?? ''
  const rest = e164.slice(1 + country.length)
  return `+${country}${'•'.repeat(Math.max(0, rest.length - 2))}${rest.slice(-2)}`
}

/** The caller's calls: they called in (from), or the tenant called them (an outbound call's to). */
function callerFilter(tx: Tx, number: string) {
  return tx`(c.from_number = ${number} or (c.direction = 'outbound' and c.to_number = ${number}))`
}

function extension(row: CallDetailRow): string {
  const match = /\.([a-z0-9]{1,10})$/.exec(row.recording_path ?? '')
  return match?.[1] ?? 'bin'
}

/** The zip: `calls.json` (every call with its events) and `recordings/<call id>.<ext>` for each stored one. */
export async function exportCaller(ctx: CallerContext, raw: string): Promise<Response> {
  const number = await callerNumber(ctx.tx, ctx.tenant, raw)
  const rows = await selectDetails(ctx.tx, ctx.tenant, callerFilter(ctx.tx, number))
  const events = await eventsOf(ctx.tx, ctx.tenant, rows.map((r) => r.id))
  const files: Zippable = {}
  const calls = []
  for (const row of rows) {
    // The JSON describes the recording; the file itself is in the zip, not behind a URL that expires.
    const recording = { ...(await recordingOf(row, null)), url: null, expires_at: null }
    calls.push(toCallDetail(row, recording, events.get(row.id) ?? []))
    if (row.recording_state !== 'stored' || !row.recording_path) continue
    const object = await ctx.recordings.read(row.recording_path)
    // Audio is compressed already: store it as is.
    if (object) files[`recordings/${row.id}.${extension(row)}`] = [object.body, { level: 0 }]
  }
  files['calls.json'] = strToU8(
    JSON.stringify({ number, exported_at: new Date().toISOString(), calls }, null, 2),
  )
  await audit(ctx.tx, {
    tenantId: ctx.tenant,
    actor: ctx.actor,
    action: 'calls.caller.exported',
    details: { number: maskNumber(number), calls: rows.length },
  })
  const zip = zipSync(files)
  const day = new Date().toISOString().slice(0, 10)
  return new Response(zip, {
    headers: {
      'content-type': 'application/zip',
      'content-disposition': `attachment; filename="caller-${day}.zip"`,
      'content-length': String(zip.byteLength),
      'cache-control': 'no-store',
    },
  })
}

/**
 * Deletes the calls first (RLS: calls.erase), then their recordings: a store failure rolls the deletion
 * back, so a retry finds the same calls and deletes what is left (deleting is idempotent). Vapi's copies go
 * through the `vapi.delete_calls` job, which retries until Vapi confirms.
 */
export async function eraseCaller(ctx: CallerContext, raw: string): Promise<Erasure> {
  const { tx, tenant } = ctx
  const number = await callerNumber(tx, tenant, raw)
  const calls = await tx<{ id: string; vapi_call_id: string; recording_path: string | null }[]>`
    select c.id, c.vapi_call_id, case when c.recording_state = 'stored' then c.recording_path end as recording_path
    from public.calls c where c.tenant_id = ${tenant} and ${callerFilter(tx, number)}`
  const ids = calls.map((c) => c.id)
  const vapiIds = calls.map((c) => c.vapi_call_id)
  // Notifications are each member's own (RLS shows one's own): counted as the service role.
  const { notifications, hasVapiKey } = await asServiceWithin(tx, async (t) => {
    const [row] = await t<{ notifications: number; has_vapi_key: boolean }[]>`
      select (select count(*)::int from public.notifications where tenant_id = ${tenant} and call_id = any(${ids}::uuid[]))
          as notifications,
        exists (select 1 from public.provider_credentials where tenant_id = ${tenant} and provider = 'vapi')
          as has_vapi_key`
    return { notifications: row.notifications, hasVapiKey: row.has_vapi_key }
  })
  await tx`delete from public.calls where tenant_id = ${tenant} and id = any(${ids}::uuid[])`
  const paths = calls.flatMap((c) => c.recording_path ? [c.recording_path] : [])
  for (const path of paths) await ctx.recordings.delete(path)
  const vapiQueued = hasVapiKey && vapiIds.length > 0 ? vapiIds.length : 0
  if (vapiQueued > 0) {
    await asServiceWithin(
      tx,
      (t) =>
        enqueueJob(t, { kind: 'vapi.delete_calls', tenantId: tenant, payload: { vapi_call_ids: vapiIds } }),
    )
  }
  const erasure: Erasure = {
    calls: ids.length,
    recordings: paths.length,
    notifications,
    vapi_queued: vapiQueued,
  }
  await audit(tx, {
    tenantId: tenant,
    actor: ctx.actor,
    action: 'calls.caller.erased',
    details: { number: maskNumber(number), ...erasure },
  })
  return erasure
}
