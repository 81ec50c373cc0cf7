/** The calls happening now, on top of the Calls page: updated by the realtime channel as Vapi reports them. */
import { PhoneIncoming } from 'lucide-react'
import { Link } from 'react-router'
import type { CallSummary } from '@shared/contracts/calls.ts'
import { useCallsTranslation } from '../i18n.ts'
import { formatDuration, secondsSince } from '../model/format.ts'
import { useNow } from '../model/use-now.ts'
import { StatusBadge } from './call-labels.tsx'
import type { CallNames } from './call-context.ts'

export function LiveCalls({ calls, names }: { calls: CallSummary[]; names: CallNames }) {
  const { t } = useCallsTranslation()
  const now = useNow(1000, calls.length > 0)
  return (
    <section aria-labelledby='live-calls-title' className='grid gap-2'>
      <h2 id='live-calls-title' className='flex items-center gap-2 text-sm font-semibold'>
        <span className='relative flex size-2.5' aria-hidden='true'>
          <span className='absolute inline-flex size-full animate-ping rounded-full bg-success opacity-60 motion-reduce:animate-none' />
          <span className='relative inline-flex size-2.5 rounded-full bg-success' />
        </span>
        {t('live.title', { count: calls.length })}
      </h2>
      <ul className='grid gap-2 sm:grid-cols-2 xl:grid-cols-3' aria-label={t('live.title', { count: calls.length })}>
        {calls.map((call) => (
          <li key={call.id}>
            <Link
              to={`/calls/${call.id}`}
              className='flex items-start gap-3 rounded-lg border border-success/30 bg-success/5 p-3 outline-none hover:bg-success/10 focus-visible:ring-2 focus-visible:ring-ring'
            >
              <PhoneIncoming className='mt-0.5 size-4 shrink-0 text-success' aria-hidden='true' />
              <span className='grid min-w-0 flex-1 gap-1'>
                <span className='flex flex-wrap items-center justify-between gap-2'>
                  <span className='truncate font-mono text-sm font-semibold tabular-nums'>
                    {names.phone(call.from_number) ?? t(`direction.${call.direction}`)}
                  </span>
                  <StatusBadge status={call.status} />
                </span>
                <span className='flex flex-wrap justify-between gap-2 text-xs text-muted-foreground'>
                  <span className='truncate'>{names.assistantName(call.assistant_id) ?? t('list.noAssistant')}</span>
                  <span className='tabular-nums'>
                    <span className='sr-only'>{t('live.elapsed')}</span>
                    {formatDuration(secondsSince(call.started_at, now))}
                  </span>
                </span>
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  )
}
