/**
 * One call: who called which number and what answered, its summary and success, the recording (for members
 * who may listen) beside the transcript (a line plays from where it was said), the structured data, what it
 * cost, and Vapi's raw events. A live call's state and transcript update as they happen. The owner can export
 * or erase everything about the caller.
 */
import { ArrowLeft, ChevronRight } from 'lucide-react'
import { type ReactNode, useRef } from 'react'
import { Link } from 'react-router'
import type { CallCost, CallDetail, CallEvent } from '@shared/contracts/calls.ts'
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card.tsx'
import { QueryErrorAlert } from '@/components/ui/query-error-alert.tsx'
import { Skeleton } from '@/components/ui/skeleton.tsx'
import { useCan, useCurrentTenant } from '@/features/tenants/index.ts'
import { useDocumentTitle } from '@/hooks/use-document-title.ts'
import { problemMessage } from '@/lib/problem-message.ts'
import { useCall } from '../api/queries.ts'
import { useCallsRealtime } from '../api/realtime.ts'
import { useCallsTranslation } from '../i18n.ts'
import { formatCost, formatDuration, formatStart } from '../model/format.ts'
import { type CallNames, useCallNames } from './call-context.ts'
import { EndedReason, StatusBadge, SuccessMark } from './call-labels.tsx'
import { CallTranscript } from './call-transcript.tsx'
import { CallerData } from './caller-data.tsx'
import { type PlayerHandle, RecordingPlayer } from './recording-player.tsx'

export function CallDetailPage({ callId }: { callId: string }) {
  const { t } = useCallsTranslation()
  const { tenant } = useCurrentTenant()
  useCallsRealtime(tenant.id)
  const query = useCall(tenant.id, callId)
  const names = useCallNames()
  useDocumentTitle(
    query.data ? t('detail.documentTitle', { caller: callerOf(query.data, names, t) }) : t('title'),
  )
  return (
    <div className='grid grid-cols-1 gap-4'>
      <Link
        to='/calls'
        className='inline-flex w-fit items-center gap-1 text-sm text-muted-foreground hover:text-foreground'
      >
        <ArrowLeft className='size-4' aria-hidden='true' />
        {t('detail.back')}
      </Link>
      {query.isPending && <Skeleton className='h-72 w-full' />}
      {query.isError && (
        <QueryErrorAlert
          message={t('detail.loadFailed', { reason: problemMessage(query.error, t) })}
          onRetry={() => query.refetch()}
        />
      )}
      {query.data && <Loaded call={query.data} names={names} />}
    </div>
  )
}

function callerOf(call: CallDetail, names: CallNames, t: (key: string) => string) {
  return names.phone(call.from_number) ?? t(`direction.${call.direction}`)
}

function Loaded({ call, names }: { call: CallDetail; names: CallNames }) {
  const { t, i18n } = useCallsTranslation()
  const canListen = useCan('calls.listen')
  const canErase = useCan('calls.erase')
  const player = useRef<PlayerHandle>(null)
  const live = call.status !== 'ended'
  const caller = callerOf(call, names, t)
  const assistant = names.assistantName(call.assistant_id)
  const playable = canListen && call.recording.state === 'stored'

  return (
    <>
      <header className='grid gap-2'>
        <div className='flex flex-wrap items-center gap-3'>
          <h1 className='font-mono text-xl font-semibold tracking-tight tabular-nums'>{caller}</h1>
          <StatusBadge status={call.status} />
        </div>
        <dl className='flex flex-wrap gap-x-6 gap-y-1 text-sm'>
          <Fact label={t('columns.started')}>
            <time dateTime={call.started_at}>{formatStart(call.started_at, i18n.language)}</time>
          </Fact>
          <Fact label={t('columns.duration')}>
            {call.duration_s === null ? '—' : formatDuration(call.duration_s)}
          </Fact>
          <Fact label={t('columns.assistant')}>
            {call.assistant_id && assistant
              ? <Link className='underline-offset-4 hover:underline' to={`/assistants/${call.assistant_id}`}>{assistant}</Link>
              : t('list.noAssistant')}
          </Fact>
          <Fact label={t('columns.number')}>{names.phone(call.to_number) ?? t(`direction.${call.direction}`)}</Fact>
          <Fact label={t('columns.reason')}><EndedReason reason={call.ended_reason} /></Fact>
          <Fact label={t('columns.success')}><SuccessMark value={call.success_evaluation} /></Fact>
          <Fact label={t('columns.cost')}>{call.cost === null ? '—' : formatCost(call.cost, i18n.language)}</Fact>
        </dl>
      </header>

      <div className='grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]'>
        <div className='grid content-start gap-4'>
          <Section title={t('detail.summary')}>
            {call.summary
              ? <p className='text-sm whitespace-pre-wrap'>{call.summary}</p>
              : <p className='text-sm text-muted-foreground'>{live ? t('detail.summaryLater') : t('detail.noSummary')}</p>}
          </Section>
          {canListen && (
            <Section title={t('detail.recording')}>
              <RecordingPlayer ref={player} callId={call.id} recording={call.recording} />
            </Section>
          )}
          <Section title={t('transcript.title')}>
            <CallTranscript
              messages={call.messages}
              assistantName={assistant}
              live={live}
              onSeek={playable ? (seconds) => player.current?.seek(seconds) : undefined}
            />
          </Section>
        </div>
        <div className='grid content-start gap-4'>
          <Section title={t('detail.structuredData')}>
            <StructuredData data={call.structured_data} />
          </Section>
          <Section title={t('detail.costs')}>
            <Costs costs={call.costs} total={call.cost} />
          </Section>
          {canErase && call.from_number && (
            <Section title={t('caller.title')}>
              <CallerData number={call.from_number} shown={caller} />
            </Section>
          )}
          <Section title={t('detail.events', { count: call.events.length })}>
            <Events events={call.events} />
          </Section>
        </div>
      </div>
    </>
  )
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className='grid'>
      <dt className='text-xs text-muted-foreground'>{label}</dt>
      <dd>{children}</dd>
    </div>
  )
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
      </CardHeader>
      <CardContent>{children}</CardContent>
    </Card>
  )
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '—'
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return JSON.stringify(value)
}

function StructuredData({ data }: { data: Record<string, unknown> | null }) {
  const { t } = useCallsTranslation()
  const entries = Object.entries(data ?? {})
  if (entries.length === 0) return <p className='text-sm text-muted-foreground'>{t('detail.noStructuredData')}</p>
  return (
    <table className='w-full text-sm'>
      <caption className='sr-only'>{t('detail.structuredData')}</caption>
      <tbody>
        {entries.map(([key, value]) => (
          <tr key={key} className='border-b last:border-0'>
            <th scope='row' className='py-1.5 pr-3 text-left align-top font-medium whitespace-nowrap text-muted-foreground'>
              {key}
            </th>
            <td className='py-1.5 break-words'>{show(value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function Costs({ costs, total }: { costs: CallCost[]; total: number | null }) {
  const { t, i18n } = useCallsTranslation()
  if (costs.length === 0) return <p className='text-sm text-muted-foreground'>{t('detail.noCosts')}</p>
  return (
    <table className='w-full text-sm'>
      <caption className='sr-only'>{t('detail.costs')}</caption>
      <thead>
        <tr className='border-b text-left text-xs text-muted-foreground'>
          <th scope='col' className='py-1.5 pr-3 font-medium'>{t('costs.type')}</th>
          <th scope='col' className='py-1.5 pr-3 font-medium'>{t('costs.provider')}</th>
          <th scope='col' className='py-1.5 pr-3 text-right font-medium'>{t('costs.minutes')}</th>
          <th scope='col' className='py-1.5 text-right font-medium'>{t('costs.cost')}</th>
        </tr>
      </thead>
      <tbody>
        {costs.map((cost, index) => (
          <tr key={index} className='border-b'>
            <td className='py-1.5 pr-3'>{t(`costs.types.${cost.type}`, { defaultValue: cost.type })}</td>
            <td className='py-1.5 pr-3 text-muted-foreground'>{cost.provider ?? '—'}</td>
            <td className='py-1.5 pr-3 text-right tabular-nums'>
              {cost.minutes === null ? '—' : cost.minutes.toLocaleString(i18n.language, { maximumFractionDigits: 2 })}
            </td>
            <td className='py-1.5 text-right tabular-nums'>{formatCost(cost.cost, i18n.language)}</td>
          </tr>
        ))}
      </tbody>
      {total !== null && (
        <tfoot>
          <tr className='font-medium'>
            <th scope='row' colSpan={3} className='py-1.5 pr-3 text-left'>{t('costs.total')}</th>
            <td className='py-1.5 text-right tabular-nums'>{formatCost(total, i18n.language)}</td>
          </tr>
        </tfoot>
      )}
    </table>
  )
}

function Events({ events }: { events: CallEvent[] }) {
  const { t, i18n } = useCallsTranslation()
  if (events.length === 0) return <p className='text-sm text-muted-foreground'>{t('detail.noEvents')}</p>
  return (
    <details className='group'>
      <summary className='flex cursor-pointer items-center gap-1 text-sm font-medium outline-none focus-visible:ring-2 focus-visible:ring-ring'>
        <ChevronRight className='size-4 transition-transform group-open:rotate-90' aria-hidden='true' />
        {t('detail.showEvents')}
      </summary>
      <ol className='mt-3 grid gap-1.5'>
        {events.map((event) => (
          <li key={event.id}>
            <details className='rounded-md border'>
              <summary className='flex cursor-pointer flex-wrap items-baseline justify-between gap-2 px-2 py-1.5 text-xs outline-none focus-visible:ring-2 focus-visible:ring-ring'>
                <code className='font-medium'>{event.type}</code>
                <time dateTime={event.received_at} className='text-muted-foreground tabular-nums'>
                  {new Date(event.received_at).toLocaleTimeString(i18n.language)}
                </time>
              </summary>
              <pre className='max-h-80 overflow-auto border-t bg-muted/40 p-2 text-xs'>
                {JSON.stringify(event.payload, null, 2)}
              </pre>
            </details>
          </li>
        ))}
      </ol>
    </details>
  )
}
