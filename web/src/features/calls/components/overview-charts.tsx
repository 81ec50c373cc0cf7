/**
 * The Overview's two charts, in their own chunk (recharts weighs ~100 KB gzipped, and only this page needs
 * it): calls per day, answered and missed stacked, and calls per hour of the day. Each chart is described in
 * words for screen readers, who get the figures as a table rather than the drawing.
 */
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { CallsOverview } from '@shared/contracts/calls.ts'
import { Card } from '@/components/ui/card.tsx'
import { useCallsTranslation } from '../i18n.ts'

const axis = { fontSize: 11, fill: 'var(--color-muted-foreground)' }

export function OverviewCharts({ perDay, hours }: {
  perDay: CallsOverview['per_day']
  hours: CallsOverview['busiest_hours']
}) {
  const { t, i18n } = useCallsTranslation()
  const dayLabel = (day: string) =>
    new Intl.DateTimeFormat(i18n.language, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
      new Date(`${day}T00:00:00Z`),
    )
  const busiest = hours.reduce((best, h) => h.count > best.count ? h : best, { hour: 0, count: 0 })
  const answered = t('overview.answered')
  const missed = t('overview.missed')
  const calls = t('overview.calls')

  return (
    <div className='grid gap-3'>
      <Card className='grid gap-2 p-4'>
        <h3 className='text-sm font-semibold' id='calls-per-day-title'>{t('overview.perDay')}</h3>
        <figure aria-labelledby='calls-per-day-title' className='h-56'>
          <div aria-hidden='true' className='size-full'>
            <ResponsiveContainer width='100%' height='100%'>
              <BarChart data={perDay.map((d) => ({ ...d, label: dayLabel(d.day) }))} margin={{ left: -20, right: 4 }}>
                <CartesianGrid vertical={false} stroke='var(--color-border)' />
                <XAxis dataKey='label' tick={axis} tickLine={false} axisLine={false} minTickGap={16} />
                <YAxis allowDecimals={false} tick={axis} tickLine={false} axisLine={false} />
                <Tooltip cursor={{ fill: 'var(--color-muted)' }} />
                <Bar dataKey='answered' name={answered} stackId='calls' fill='var(--color-success)' />
                <Bar dataKey='missed' name={missed} stackId='calls' fill='var(--color-destructive)' radius={[3, 3, 0, 0]} />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <table className='sr-only'>
            <caption>{t('overview.perDay')}</caption>
            <thead>
              <tr>
                <th scope='col'>{t('overview.day')}</th>
                <th scope='col'>{answered}</th>
                <th scope='col'>{missed}</th>
              </tr>
            </thead>
            <tbody>
              {perDay.filter((d) => d.total > 0).map((d) => (
                <tr key={d.day}>
                  <th scope='row'>{dayLabel(d.day)}</th>
                  <td>{d.answered}</td>
                  <td>{d.missed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </figure>
      </Card>
      <Card className='grid gap-2 p-4'>
        <h3 className='text-sm font-semibold' id='busiest-hours-title'>{t('overview.busiestHours')}</h3>
        {busiest.count > 0 && (
          <p className='text-xs text-muted-foreground'>
            {t('overview.busiestHour', { hour: `${String(busiest.hour).padStart(2, '0')}:00` })}
          </p>
        )}
        <figure aria-labelledby='busiest-hours-title' className='h-40'>
          <div aria-hidden='true' className='size-full'>
            <ResponsiveContainer width='100%' height='100%'>
              <BarChart data={hours.map((h) => ({ ...h, label: String(h.hour).padStart(2, '0') }))} margin={{ left: -20, right: 4 }}>
                <XAxis dataKey='label' tick={axis} tickLine={false} axisLine={false} interval={2} />
                <YAxis allowDecimals={false} tick={axis} tickLine={false} axisLine={false} />
                <Tooltip cursor={{ fill: 'var(--color-muted)' }} />
                <Bar dataKey='count' name={calls} fill='var(--color-primary)' radius={[3, 3, 0, 0]} />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <table className='sr-only'>
            <caption>{t('overview.busiestHours')}</caption>
            <tbody>
              {hours.filter((h) => h.count > 0).map((h) => (
                <tr key={h.hour}>
                  <th scope='row'>{`${String(h.hour).padStart(2, '0')}:00`}</th>
                  <td>{h.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </figure>
      </Card>
    </div>
  )
}
