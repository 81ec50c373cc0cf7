/**
 * The periodic jobs, enqueued at every run of the worker and idempotent: per tenant and kind one pending job
 * at most (its dedupe key), due at the tenant's next slot. Once it ran, the next run enqueues the next slot.
 *
 * - `calls.reconcile` every 5 minutes, for each tenant with a Vapi key;
 * - `calls.retention` hourly, for each tenant with a retention set.
 *
 * Slots are shifted per tenant (a hash of its id) so that a thousand tenants do not all fall due at once.
 */
import type { Db, Tx } from '../_shared/db.ts'

/** Few attempts: the next period retries anyway, and a pending job holds the dedupe key meanwhile. */
const PERIODIC_MAX_ATTEMPTS = 2

/** The next boundary of `seconds`-long slots after now, shifted by the tenant's own offset. */
function nextSlot(tx: Tx, seconds: number) {
  const offset = tx`mod(abs(hashtext(tenant_id::text)::bigint), ${seconds})`
  return tx`to_timestamp(
    (floor((extract(epoch from now()) - ${offset}) / ${seconds}) + 1) * ${seconds} + ${offset})`
}

/** Enqueues what is not pending yet; returns how many jobs were added. */
export async function schedulePeriodicJobs(db: Db): Promise<number> {
  return await db.asService(async (tx) => {
    const reconcile = await tx`
      insert into public.jobs (tenant_id, kind, payload, dedupe_key, next_run_at, max_attempts)
      select tenant_id, 'calls.reconcile', '{}', 'calls.reconcile:' || tenant_id, ${nextSlot(tx, 300)},
        ${PERIODIC_MAX_ATTEMPTS}
      from public.provider_credentials where provider = 'vapi'
      on conflict (dedupe_key) where state in ('queued', 'running') do nothing
      returning id`
    const retention = await tx`
      insert into public.jobs (tenant_id, kind, payload, dedupe_key, next_run_at, max_attempts)
      select tenant_id, 'calls.retention', '{}', 'calls.retention:' || tenant_id, ${nextSlot(tx, 3600)},
        ${PERIODIC_MAX_ATTEMPTS}
      from public.call_retention where calls_days is not null or recordings_days is not null
      on conflict (dedupe_key) where state in ('queued', 'running') do nothing
      returning id`
    return reconcile.length + retention.length
  })
}
