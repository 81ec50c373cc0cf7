/**
 * The Overview's calls figures for a date range (the last 7, 30 or 90 days in the tenant's time zone, or
 * chosen days): how many calls, answered and missed, their average length, the cost this month, the success
 * rate, the top ended reasons, and two charts (calls per day, busiest hours) whose code loads on its own.
 * Kept current by the realtime channel: a call's change reads the figures again.
 */
import { lazy, type ReactNode, Suspense, useId, useState } from 'react'
import { Link } from 'react-router'
import type { CallsOverview } from '@shared/contracts/calls.ts'
import { Card } from '@/components/ui/card.tsx'
import { Input } from '@/components/ui/input.tsx'
import { Label } from '@/components/ui/label.tsx'
import { QueryErrorAlert } from '@/components/ui/query-error-alert.tsx'
import { Skeleton } from '@/components/ui/skeleton.tsx'
import { useCurrentTenant } from '@/features/tenants/index.ts'
import { problemMessage } from '@/lib/problem-message.ts'
import { cn } from '@/lib/utils.ts'
import type { OverviewRange } from '../api/keys.ts'
import { useCallsOverview } from '../api/queries.ts'
import { useCallsRealtime } from '../api/realtime.ts'
import { useCallsTranslation } from '../i18n.ts'
import { formatCost, formatDuration, formatPercent, shiftDay, todayIn } from '../model/format.ts'
import { endedReasonText } from './call-labels.tsx'

const OverviewCharts = lazy(() => import('./overview-charts.tsx').then((m) => ({ default: m.OverviewCharts })))

const PRESETS = [7, 30, 90] as const
type Choice = { preset: (typeof PRESETS)[number] } | { custom: OverviewRange }

export function rangeOf(choice: Choice, today: string): OverviewRange {
  return 'preset' in choice ? { from: shiftDay(today, choice.preset - 1), to: today } : choice.custom
}

export function CallsOverviewSection() {
  const { t } = useCallsTranslation()
  const { tenant } = useCurrentTenant()
  useCallsRealtime(tenant.id)
  const today = todayIn(tenant.timezone)
  const [choice, setChoice] = useState<Choice>({ preset: 30 })
  const range = rangeOf(choice, today)
  const overview = useCallsOverview(tenant.id, range)

  return (
    <section aria-labelledby='calls-overview-title' className='mt-6 grid gap-3'>
      <div className='flex flex-wrap items-end justify-between gap-3'>
        <h2 id='calls-overview-title' className='text-base font-semibold'>{t('overview.title')}</h2>
        <RangePicker choice={choice} range={range} today={today} onChange={setChoice} />
      </div>
      {overview.isPending && <Skeleton className='h-64 w-full' />}
      {overview.isError && (
        <QueryErrorAlert
          message={t('overview.loadFailed', { reason: problemMessage(overview.error, t) })}
          onRetry={() => overview.refetch()}
        />
      )}
      {overview.data && <Figures data={overview.data} stale={overview.isPlaceholderData} />}
    </section>
  )
}

function RangePicker({ choice, range, today, onChange }: {
  choice: Choice
  range: OverviewRange
  today: string
  onChange: (choice: Choice) => void
}) {
  const { t } = useCallsTranslation()
  const id = useId()
  const custom = 'custom' in choice
  return (
    <div className='flex flex-wrap items-end gap-2'>
      <div role='group' aria-label={t('overview.range')} className='inline-flex rounded-md border bg-card p-0.5'>
        {PRESETS.map((days) => {
          const active = 'preset' in choice && choice.preset === days
          return (
            <button
              key={days}
              type='button'
              aria-pressed={active}
              onClick={() => onChange({ preset: days })}
              className={cn(
                'rounded px-2.5 py-1 text-xs font-medium outline-none focus-visible:ring-2 focus-visible:ring-ring',
                active ? 'bg-primary text-primary-foreground' : 'text-muted-foreground hover:text-foreground',
              )}
            >
              {t('overview.lastDays', { count: days })}
            </button>
          )
        })}
        <button
          type='button'
          aria-pressed={custom}
          onClick={() => onChange({ custom: range })}
          className={cn(
            'rounded px-2.5 py-1 text-xs font-medium outline-none focus-visible:ring-2 focus-visible:ring-ring',
            custom ? 'bg-primary text-primary-foreground' : 'text-muted-foreground hover:text-foreground',
          )}
        >
          {t('overview.custom')}
        </button>
      </div>
      {custom && (
        <>
          <div className='grid gap-1'>
            <Label htmlFor={`${id}-from`} className='text-xs text-muted-foreground'>{t('filters.from')}</Label>
            <Input
              id={`${id}-from`}
              type='date'
              className='h-8'
              value={range.from}
              max={range.to}
              onChange={(e) => e.target.value && onChange({ custom: { ...range, from: e.target.value } })}
            />
          </div>
          <div className='grid gap-1'>
            <Label htmlFor={`${id}-to`} className='text-xs text-muted-foreground'>{t('filters.to')}</Label>
            <Input
              id={`${id}-to`}
              type='date'
              className='h-8'
              value={range.to}
              min={range.from}
              max={today}
              onChange={(e) => e.target.value && onChange({ custom: { ...range, to: e.target.value } })}
            />
          </div>
        </>
      )}
    </div>
  )
}

function Figures({ data, stale }: { data: CallsOverview; stale: boolean }) {
  const { t, i18n } = useCallsTranslation()
  const lang = i18n.language
  const topCount = Math.max(1, ...data.ended_reasons.map((r) => r.count))
  return (
    <div className={cn('grid gap-3 transition-opacity', stale && 'opacity-60')} aria-busy={stale}>
      <dl className='grid grid-cols-2 gap-3 lg:grid-cols-5'>
        <Figure label={t('overview.total')} testId='calls-total'>
          <Link to='/calls' className='hover:underline'>{data.total.toLocaleString(lang)}</Link>
        </Figure>
        <Figure label={t('overview.answeredMissed')}>
          <span className='text-success'>{data.answered.toLocaleString(lang)}</span>
          <span className='text-muted-foreground'>{' / '}</span>
          <span className={data.missed > 0 ? 'text-destructive' : undefined}>{data.missed.toLocaleString(lang)}</span>
        </Figure>
        <Figure label={t('overview.averageDuration')}>
          {data.average_duration_s === null ? '—' : formatDuration(data.average_duration_s)}
        </Figure>
        <Figure label={t('overview.costThisMonth')} hint={t('overview.costInRange', { cost: formatCost(data.cost, lang) })}>
          {formatCost(data.cost_this_month, lang)}
        </Figure>
        <Figure label={t('overview.successRate')}>
          {data.success_rate === null ? '—' : formatPercent(data.success_rate, lang)}
        </Figure>
      </dl>
      {data.total === 0
        ? <p className='rounded-lg border border-dashed p-6 text-center text-sm text-muted-foreground'>{t('overview.noCalls')}</p>
        : (
          <div className='grid gap-3 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]'>
            <Suspense fallback={<Skeleton className='h-64 w-full' />}>
              <OverviewCharts perDay={data.per_day} hours={data.busiest_hours} />
            </Suspense>
            <Card className='grid content-start gap-3 self-start p-4'>
              <h3 className='text-sm font-semibold'>{t('overview.topReasons')}</h3>
              <ol className='grid gap-2'>
                {data.ended_reasons.map((r) => (
                  <li key={r.ended_reason} className='grid gap-1 text-sm'>
                    <span className='flex justify-between gap-2'>
                      <span className='truncate' title={r.ended_reason}>{endedReasonText(r.ended_reason, t)}</span>
                      <span className='tabular-nums text-muted-foreground'>{r.count.toLocaleString(lang)}</span>
                    </span>
                    <span className='h-1.5 rounded-full bg-muted' aria-hidden='true'>
                      <span className='block h-full rounded-full bg-primary/70' style={{ width: `${(r.count / topCount) * 100}%` }} />
                    </span>
                  </li>
                ))}
              </ol>
            </Card>
          </div>
        )}
    </div>
  )
}

function Figure({ label, hint, testId, children }: { label: string; hint?: string; testId?: string; children: ReactNode }) {
  return (
    <div className='grid content-start gap-1 rounded-lg border bg-card p-4 shadow-xs'>
      <dt className='text-xs font-medium text-muted-foreground'>{label}</dt>
      <dd className='text-2xl font-semibold tabular-nums' data-testid={testId}>{children}</dd>
      {hint && <dd className='text-xs text-muted-foreground'>{hint}</dd>}
    </div>
  )
}
