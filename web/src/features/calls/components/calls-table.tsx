/**
 * The past calls: a table on wide screens; on a phone each row becomes a card (the header row is then read by
 * screen readers only, and each cell shows its column's name). The caller's number opens the call; the whole
 * row is its click target.
 */
import type { ReactNode } from 'react'
import { Link } from 'react-router'
import type { CallSummary } from '@shared/contracts/calls.ts'
import { cn } from '@/lib/utils.ts'
import { useCallsTranslation } from '../i18n.ts'
import { formatCost, formatDuration, formatStart } from '../model/format.ts'
import type { CallNames } from './call-context.ts'
import { EndedReason, StatusBadge, SuccessMark } from './call-labels.tsx'

export function CallsTable({ calls, names }: { calls: CallSummary[]; names: CallNames }) {
  const { t, i18n } = useCallsTranslation()
  const columns = {
    caller: t('columns.caller'),
    assistant: t('columns.assistant'),
    number: t('columns.number'),
    started: t('columns.started'),
    duration: t('columns.duration'),
    cost: t('columns.cost'),
    reason: t('columns.reason'),
    success: t('columns.success'),
  }
  return (
    <div className='md:overflow-x-auto md:rounded-lg md:border md:bg-card'>
      <table className='w-full text-sm max-md:block'>
        <caption className='sr-only'>{t('list.caption')}</caption>
        <thead className='max-md:sr-only'>
          <tr className='border-b text-left text-xs text-muted-foreground'>
            {Object.values(columns).map((name) => (
              <th key={name} scope='col' className='px-3 py-2 font-medium whitespace-nowrap'>{name}</th>
            ))}
          </tr>
        </thead>
        <tbody className='max-md:grid max-md:gap-2'>
          {calls.map((call) => (
            <tr
              key={call.id}
              className='relative border-b transition-colors last:border-b-0 hover:bg-muted/60 max-md:grid max-md:grid-cols-2 max-md:gap-x-3 max-md:gap-y-1.5 max-md:rounded-lg max-md:border max-md:bg-card max-md:p-3'
            >
              <td className='min-w-0 px-3 py-2.5 align-top max-md:col-span-2 max-md:p-0'>
                <Link
                  to={`/calls/${call.id}`}
                  className='font-mono font-semibold tabular-nums outline-none after:absolute after:inset-0 focus-visible:after:rounded-md focus-visible:after:ring-2 focus-visible:after:ring-ring'
                >
                  {names.phone(call.from_number) ?? t(`direction.${call.direction}`)}
                </Link>
                {call.status !== 'ended' && <StatusBadge status={call.status} />}
                {call.summary && (
                  <p className='mt-0.5 max-w-52 truncate text-xs text-muted-foreground' title={call.summary}>
                    {call.summary}
                  </p>
                )}
              </td>
              <Cell label={columns.assistant}>
                {names.assistantName(call.assistant_id) ?? <Muted>{t('list.noAssistant')}</Muted>}
              </Cell>
              <Cell label={columns.number} className='font-mono tabular-nums'>
                {names.phone(call.to_number) ?? <Muted>{t(`direction.${call.direction}`)}</Muted>}
              </Cell>
              <Cell label={columns.started} className='whitespace-nowrap'>
                <time dateTime={call.started_at}>{formatStart(call.started_at, i18n.language)}</time>
              </Cell>
              <Cell label={columns.duration} className='tabular-nums'>
                {call.duration_s === null ? <Muted>—</Muted> : formatDuration(call.duration_s)}
              </Cell>
              <Cell label={columns.cost} className='tabular-nums'>
                {call.cost === null ? <Muted>—</Muted> : formatCost(call.cost, i18n.language)}
              </Cell>
              <Cell label={columns.reason}>
                <EndedReason reason={call.ended_reason} />
              </Cell>
              <Cell label={columns.success}>
                <SuccessMark value={call.success_evaluation} />
              </Cell>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function Cell({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <td className={cn('px-3 py-2.5 align-top max-md:grid max-md:gap-0.5 max-md:p-0', className)}>
      <span className='text-xs text-muted-foreground md:hidden' aria-hidden='true'>{label}</span>
      <span>{children}</span>
    </td>
  )
}

function Muted({ children }: { children: ReactNode }) {
  return <span className='text-muted-foreground'>{children}</span>
}
