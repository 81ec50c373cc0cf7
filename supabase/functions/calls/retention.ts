/**
 * How long a tenant keeps its calls and recordings (`call_retention`; no row keeps everything). The
 * `calls.retention` job deletes what is older; this only records the choice, audited.
 */
import type { Retention } from '../../../shared/contracts/calls.ts'
import { audit } from '../_shared/audit.ts'
import type { Tx } from '../_shared/db.ts'
import { ValidationFailed } from '../_shared/errors.ts'

export async function getRetention(tx: Tx, tenant: string): Promise<Retention> {
  const [row] = await tx<Retention[]>`
    select calls_days, recordings_days from public.call_retention where tenant_id = ${tenant}`
  return row ? { calls_days: row.calls_days, recordings_days: row.recordings_days } : FOREVER
}

const FOREVER: Retention = { calls_days: null, recordings_days: null }

/**
 * Recordings cannot outlive their call (the table's check says so too; saying it here names the field).
 * Recordings "forever" with calls expiring is allowed: they go with their calls.
 */
function checkRetention(body: Retention): void {
  if (body.calls_days === null || body.recordings_days === null) return
  if (body.recordings_days > body.calls_days) {
    throw new ValidationFailed([{
      field: 'recordings_days',
      code: 'exceeds_calls_days',
      message: `Recordings cannot be kept longer than their calls (${body.calls_days} days)`,
    }])
  }
}

export async function setRetention(
  tx: Tx,
  tenant: string,
  actor: string,
  body: Retention,
): Promise<Retention> {
  checkRetention(body)
  const before = await getRetention(tx, tenant)
  await tx`
    insert into public.call_retention (tenant_id, calls_days, recordings_days, updated_by)
    values (${tenant}, ${body.calls_days}, ${body.recordings_days}, ${actor})
    on conflict (tenant_id) do update
      set calls_days = excluded.calls_days, recordings_days = excluded.recordings_days,
          updated_by = excluded.updated_by`
  await audit(tx, {
    tenantId: tenant,
    actor,
    action: 'calls.retention.saved',
    details: { before, after: body },
  })
  return { calls_days: body.calls_days, recordings_days: body.recordings_days }
}
