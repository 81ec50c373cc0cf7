/**
 * The filters the list, the export and the overview share, as SQL conditions on `public.calls c`. Days are the
 * tenant's: `from`/`to` become started_at bounds at midnight in its time zone, so a call at 00:30 in Paris
 * belongs to that day, not to the previous UTC one.
 */
import type { CallFilters } from '../../../shared/contracts/calls.ts'
import type { Tx } from '../_shared/db.ts'
import { NotFound, ValidationFailed } from '../_shared/errors.ts'

/** The tenant's IANA time zone (RLS: a member reads their tenant's row). */
export async function tenantZone(tx: Tx, tenant: string): Promise<string> {
  const [row] = await tx<{ timezone: string }[]>`select timezone from public.tenants where id = ${tenant}`
  if (!row) throw new NotFound('tenant_not_found', 'No such tenant')
  return row.timezone
}

/**
 * The zone callFilter needs: the tenant's when a day is filtered, else UTC unread (it is then unused), which
 * spares the list a statement.
 */
export function zoneForDays(tx: Tx, tenant: string, filters: CallFilters): Promise<string> {
  return filters.from || filters.to ? tenantZone(tx, tenant) : Promise.resolve('UTC')
}

/** started_at from midnight of `day` in `zone` on (`lo`), or before midnight of the day after (`hi`). */
export function dayStart(tx: Tx, day: string, zone: string) {
  return tx`(${day}::date::timestamp at time zone ${zone})`
}

export function dayEnd(tx: Tx, day: string, zone: string) {
  return tx`((${day}::date + 1)::timestamp at time zone ${zone})`
}

/**
 * A success evaluation read as yes/no: Vapi's default rubric answers "true"/"false"; other rubrics answer
 * pass/fail or a score, and a score is neither (it counts as unknown, like no evaluation at all).
 */
export function successOf(tx: Tx) {
  return tx`(case
    when lower(btrim(c.success_evaluation)) in ('true', 'pass', 'passed', 'yes') then true
    when lower(btrim(c.success_evaluation)) in ('false', 'fail', 'failed', 'no') then false
  end)`
}

/**
 * Both stemmings of the words searched: a French word stemmed as English (or the reverse) would miss its own
 * inflections, so the `search` column holds both and the query asks either.
 */
export function searchQuery(tx: Tx, q: string) {
  return tx`(websearch_to_tsquery('english', ${q}) || websearch_to_tsquery('french', ${q}))`
}

/** Every filter set, and-ed; days in the tenant's `zone`. */
export function callFilter(tx: Tx, tenant: string, filters: CallFilters, zone: string) {
  checkDays(filters)
  const parts = [tx`c.tenant_id = ${tenant}`]
  if (filters.from) parts.push(tx`c.started_at >= ${dayStart(tx, filters.from, zone)}`)
  if (filters.to) parts.push(tx`c.started_at < ${dayEnd(tx, filters.to, zone)}`)
  if (filters.assistant_id) parts.push(tx`c.assistant_id = ${filters.assistant_id}`)
  if (filters.phone_number_id) parts.push(tx`c.phone_number_id = ${filters.phone_number_id}`)
  if (filters.ended_reason) parts.push(tx`c.ended_reason = ${filters.ended_reason}`)
  if (filters.success === 'true') parts.push(tx`${successOf(tx)} is true`)
  if (filters.success === 'false') parts.push(tx`${successOf(tx)} is false`)
  if (filters.success === 'unknown') parts.push(tx`${successOf(tx)} is null`)
  if (filters.q) parts.push(tx`c.search @@ ${searchQuery(tx, filters.q)}`)
  return parts.reduce((all, part) => tx`${all} and ${part}`)
}

/** A range ending before it starts is a mistake worth saying rather than an empty answer. */
export function checkDays(days: { from?: string; to?: string }): void {
  if (days.from && days.to && days.to < days.from) {
    throw new ValidationFailed([
      { field: 'query.to', code: 'range_reversed', message: 'The last day comes before the first' },
    ])
  }
}
