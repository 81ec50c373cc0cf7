/**
 * The overview's figures in one query, in the tenant's time zone (its days and hours, its "this month").
 * Missed calls are those whose ended reason is in MISSED_ENDED_REASONS (shared/ended-reasons.ts): nobody
 * answered, the line was busy, the call never connected, or a voicemail took it. Answered calls are the other
 * ended ones; calls still under way count in the total only.
 */
import type { CallsOverview } from '../../../shared/contracts/calls.ts'
import { MISSED_ENDED_REASONS } from '../../../shared/ended-reasons.ts'
import type { Tx } from '../_shared/db.ts'
import { ValidationFailed } from '../_shared/errors.ts'
import { checkDays, dayEnd, dayStart, successOf, tenantZone } from './filters.ts'

const DEFAULT_DAYS = 30
/** Two years of days is already a long chart; more is a mistake in the query. */
const MAX_DAYS = 731
const TOP_REASONS = 8

interface OverviewRow {
  from: string
  to: string
  total: number
  answered: number
  missed: number
  average_duration_s: number | null
  cost: string
  cost_this_month: string
  evaluated: number
  succeeded: number
  per_day: { day: string; total: number; answered: number; missed: number }[]
  ended_reasons: { ended_reason: string; count: number }[]
  busiest_hours: { hour: number; count: number }[]
}

/** The range asked, or the last 30 days ending today (the tenant's today). */
async function range(tx: Tx, zone: string, days: { from?: string; to?: string }) {
  checkDays(days)
  const [row] = await tx<{ from: string; to: string; span: number }[]>`
    with today as (select (now() at time zone ${zone})::date as d),
    r as (
      select coalesce(${days.from ?? null}::date,
          coalesce(${days.to ?? null}::date, (select d from today)) - ${DEFAULT_DAYS - 1}::int) as f,
        coalesce(${days.to ?? null}::date, greatest((select d from today), ${days.from ?? null}::date)) as t
    )
    select f::text as from, t::text as to, t - f + 1 as span from r`
  if (row.span > MAX_DAYS) {
    throw new ValidationFailed([
      { field: 'query.from', code: 'range_too_long', message: `At most ${MAX_DAYS} days at once` },
    ])
  }
  return row
}

export async function overview(tx: Tx, tenant: string, days: { from?: string; to?: string }) {
  const zone = await tenantZone(tx, tenant)
  const { from, to } = await range(tx, zone, days)
  const missed = tx`(c.ended_reason = any(${MISSED_ENDED_REASONS as unknown as string[]}))`
  const [row] = await tx<OverviewRow[]>`
    with r as materialized (
      select (c.started_at at time zone ${zone}) as local, c.status, c.ended_reason, c.duration_s, c.cost,
        ${successOf(tx)} as success,
        c.status = 'ended' and ${missed} as missed,
        c.status = 'ended' and not coalesce(${missed}, false) as answered
      from public.calls c
      where c.tenant_id = ${tenant} and c.started_at >= ${dayStart(tx, from, zone)}
        and c.started_at < ${dayEnd(tx, to, zone)}
    )
    select ${from} as from, ${to} as to,
      (select count(*)::int from r) as total,
      (select count(*) filter (where answered)::int from r) as answered,
      (select count(*) filter (where missed)::int from r) as missed,
      (select avg(duration_s)::float8 from r where answered) as average_duration_s,
      (select coalesce(sum(cost), 0)::text from r) as cost,
      (select coalesce(sum(c.cost), 0)::text from public.calls c
        where c.tenant_id = ${tenant}
          and c.started_at >= (date_trunc('month', now() at time zone ${zone}) at time zone ${zone})) as cost_this_month,
      (select count(success)::int from r) as evaluated,
      (select count(*) filter (where success)::int from r) as succeeded,
      (select coalesce(json_agg(json_build_object('day', d.day::date::text, 'total', coalesce(n.total, 0),
          'answered', coalesce(n.answered, 0), 'missed', coalesce(n.missed, 0)) order by d.day), '[]')
        from generate_series(${from}::date, ${to}::date, interval '1 day') as d(day)
        left join (
          select local::date as day, count(*)::int as total, count(*) filter (where answered)::int as answered,
            count(*) filter (where missed)::int as missed
          from r group by 1
        ) n on n.day = d.day::date) as per_day,
      (select coalesce(json_agg(json_build_object('ended_reason', e.ended_reason, 'count', e.n)
          order by e.n desc, e.ended_reason), '[]')
        from (select ended_reason, count(*)::int as n from r where ended_reason is not null
          group by ended_reason order by n desc, ended_reason limit ${TOP_REASONS}) e) as ended_reasons,
      (select json_agg(json_build_object('hour', h.hour, 'count', coalesce(n.count, 0)) order by h.hour)
        from generate_series(0, 23) as h(hour)
        left join (select extract(hour from local)::int as hour, count(*)::int as count from r group by 1) n
          on n.hour = h.hour) as busiest_hours`
  return toOverview(row, zone)
}

function toOverview(row: OverviewRow, zone: string): CallsOverview {
  return {
    from: row.from,
    to: row.to,
    time_zone: zone,
    total: row.total,
    answered: row.answered,
    missed: row.missed,
    average_duration_s: row.average_duration_s,
    cost: Number(row.cost),
    cost_this_month: Number(row.cost_this_month),
    success_rate: row.evaluated === 0 ? null : row.succeeded / row.evaluated,
    per_day: row.per_day,
    ended_reasons: row.ended_reasons,
    busiest_hours: row.busiest_hours,
  }
}
