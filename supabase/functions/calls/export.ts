/**
 * The filtered calls as a CSV download, streamed: the route's transaction has ended by the time the client
 * reads, so each batch is read in a transaction of its own as the same user (RLS still decides), following
 * the list's keyset from where the previous batch stopped. Memory stays one batch whatever the export's size.
 */
import type { CallFilters } from '../../../shared/contracts/calls.ts'
import type { Claims } from '../_shared/auth.ts'
import type { CoreDeps } from '../_shared/deps.ts'
import type { Tx } from '../_shared/db.ts'
import { afterNewest, newestKey, newestOrder, newestSortAt, toPage } from '../_shared/pagination.ts'
import { csvRow } from './csv.ts'
import { callFilter, checkDays, successOf, tenantZone } from './filters.ts'

const BATCH = 1000

export const CSV_HEADER = [
  'started_at',
  'from',
  'to',
  'assistant',
  'duration_s',
  'cost',
  'ended_reason',
  'success',
  'summary',
] as const

interface ExportRow {
  id: string
  sort_at: string
  started_at: string
  from_number: string | null
  to_number: string | null
  assistant: string | null
  duration_s: number | null
  cost: string | null
  ended_reason: string | null
  success: boolean | null
  summary: string | null
}

/**
 * One batch after `cursor`; started_at as the tenant reads it, local time with its UTC offset (to_char takes
 * the offset from the session's time zone, set for this transaction only).
 */
async function batch(tx: Tx, tenant: string, filters: CallFilters, zone: string, cursor: string | undefined) {
  await tx`select set_config('timezone', ${zone}, true)`
  const rows = await tx<ExportRow[]>`
    select c.id, ${newestSortAt(tx, 'c', 'started_at')} as sort_at,
      to_char(c.started_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM') as started_at, c.from_number, c.to_number, a.name as assistant, c.duration_s, c.cost, c.ended_reason,
      ${successOf(tx)} as success, c.summary
    from public.calls c
    left join public.assistants a on a.id = c.assistant_id
    where ${callFilter(tx, tenant, filters, zone)} and ${afterNewest(tx, cursor, 'c', 'started_at')}
    order by ${newestOrder(tx, 'c', 'started_at')}
    limit ${BATCH + 1}`
  return toPage(rows, BATCH, (row) => row, newestKey)
}

function line(row: ExportRow): string {
  return csvRow([
    row.started_at,
    row.from_number,
    row.to_number,
    row.assistant,
    row.duration_s,
    row.cost === null ? null : Number(row.cost),
    row.ended_reason,
    row.success === null ? 'unknown' : String(row.success),
    row.summary,
  ])
}

export interface ExportCaller {
  tx: Tx
  tenant: string
  claims: Claims
  deps: CoreDeps
  filters: CallFilters
}

/** The download: the header at once, then one chunk per batch until the keyset runs out. */
export async function exportCalls({ tx, tenant, claims, deps, filters }: ExportCaller): Promise<Response> {
  checkDays(filters)
  const zone = await tenantZone(tx, tenant)
  const [{ today }] = await tx<{ today: string }[]>`select (now() at time zone ${zone})::date::text as today`
  const encoder = new TextEncoder()
  let cursor: string | undefined
  let done = false
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      // A byte order mark so spreadsheets read the accents of French summaries as UTF-8.
      controller.enqueue(encoder.encode('\uFEFF' + csvRow(CSV_HEADER)))
    },
    async pull(controller) {
      if (done) return controller.close()
      try {
        const page = await deps.db.asUser(claims, (t) => batch(t, tenant, filters, zone, cursor))
        controller.enqueue(encoder.encode(page.items.map(line).join('')))
        cursor = page.next_cursor ?? undefined
        done = page.next_cursor === null
      } catch (error) {
        deps.log.error('calls_export_failed', { tenant })
        controller.error(error)
      }
    },
  })
  const name = `calls-${filters.from ?? 'all'}-${filters.to ?? today}.csv`
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${name}"`,
      'cache-control': 'no-store',
    },
  })
}
