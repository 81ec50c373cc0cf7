/** The list (filtered, searched, newest first, keyset pages) and the calls still under way. */
import type { ListCallsQuery } from '../../../shared/contracts/calls.ts'
import type { Tx } from '../_shared/db.ts'
import { afterNewest, newestKey, newestOrder, toPage } from '../_shared/pagination.ts'
import { callFilter, zoneForDays } from './filters.ts'
import { callColumns, type CallRow, toCallSummary } from './rows.ts'

/** As many live calls as a page: more at once would be a call centre, not a practice's line. */
const LIVE_LIMIT = 100

/**
 * One page, read from `calls_tenant_started_idx` (tenant_id, started_at desc, id desc) or the assistant's and
 * number's twins: the keyset condition and the order match the index, so a deep page costs what the first
 * does.
 */
export async function listCalls(tx: Tx, tenant: string, query: ListCallsQuery) {
  const zone = await zoneForDays(tx, tenant, query)
  const rows = await tx<CallRow[]>`
    select ${callColumns(tx)} from public.calls c
    where ${callFilter(tx, tenant, query, zone)} and ${afterNewest(tx, query.cursor, 'c', 'started_at')}
    order by ${newestOrder(tx, 'c', 'started_at')}
    limit ${query.limit + 1}`
  return toPage(rows, query.limit, toCallSummary, newestKey)
}

/** Calls not ended yet, from the partial index `calls_live_idx`. */
export async function liveCalls(tx: Tx, tenant: string) {
  const rows = await tx<CallRow[]>`
    select ${callColumns(tx)} from public.calls c
    where c.tenant_id = ${tenant} and c.status <> 'ended'
    order by ${newestOrder(tx, 'c', 'started_at')}
    limit ${LIVE_LIMIT}`
  return { items: rows.map(toCallSummary) }
}
