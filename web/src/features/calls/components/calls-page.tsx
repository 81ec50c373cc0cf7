/**
 * The Calls page: the calls happening now on top (kept current by the tenant's realtime channel), then every
 * past call, newest first, filtered and searched from the query string, a page at a time; the filtered set
 * as CSV for members who may export; an empty state that leads to a test call.
 */
import { PhoneCall } from 'lucide-react'
import type { TFunction } from 'i18next'
import { useMemo, useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import type { CallSummary } from '@shared/contracts/calls.ts'
import { Button } from '@/components/ui/button.tsx'
import { EmptyState } from '@/components/ui/empty-state.tsx'
import { LoadMoreButton } from '@/components/ui/load-more-button.tsx'
import { PageHeader } from '@/components/ui/page-header.tsx'
import { QueryErrorAlert } from '@/components/ui/query-error-alert.tsx'
import { Skeleton } from '@/components/ui/skeleton.tsx'
import { useCan, useCurrentTenant } from '@/features/tenants/index.ts'
import { problemMessage } from '@/lib/problem-message.ts'
import { useCalls, useLiveCalls } from '../api/queries.ts'
import { useCallsRealtime } from '../api/realtime.ts'
import { useCallsTranslation } from '../i18n.ts'
import { filtersFromSearch, hasFilters, searchWithFilters, searchWithoutFilters } from '../model/filters.ts'
import { type CallNames, useCallNames } from './call-context.ts'
import { CallFiltersBar, type FilterChange } from './call-filters.tsx'
import { CallsTable } from './calls-table.tsx'
import { ExportButton } from './export-button.tsx'
import { LiveCalls } from './live-calls.tsx'
import { RealtimeIndicator } from './realtime-indicator.tsx'

export function CallsPage() {
  const { t } = useCallsTranslation()
  const { tenant } = useCurrentTenant()
  const canExport = useCan('calls.export')
  const realtime = useCallsRealtime(tenant.id)
  const [search, setSearch] = useSearchParams()
  const filters = useMemo(() => filtersFromSearch(search), [search])
  const filtered = hasFilters(filters)
  const names = useCallNames()
  const live = useLiveCalls(tenant.id)
  const list = useCalls(tenant.id, filters)

  const liveCalls = live.data?.items ?? []
  const pastCalls = useMemo(() => {
    const liveIds = new Set((live.data?.items ?? []).map((c) => c.id))
    return (list.data?.pages ?? []).flatMap((page) => page.items).filter((c) => !liveIds.has(c.id))
  }, [list.data, live.data])

  const change = (changes: FilterChange) => setSearch((current) => searchWithFilters(current, changes), { replace: true })
  const clear = () => setSearch((current) => searchWithoutFilters(current), { replace: true })
  const nothingYet = !filtered && list.isSuccess && pastCalls.length === 0 && liveCalls.length === 0

  return (
    <div className='grid grid-cols-1 gap-4'>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <div className='flex flex-wrap items-center gap-3'>
            <RealtimeIndicator status={realtime} />
            {canExport && !nothingYet && <ExportButton filters={filters} />}
          </div>
        }
      />
      <LiveAnnouncer calls={live.data?.items} names={names} />
      {live.isError && (
        <QueryErrorAlert
          message={t('live.loadFailed', { reason: problemMessage(live.error, t) })}
          onRetry={() => live.refetch()}
        />
      )}
      {liveCalls.length > 0 && <LiveCalls calls={liveCalls} names={names} />}

      {nothingYet
        ? <NoCallsYet names={names} />
        : (
          <>
            <CallFiltersBar filters={filters} names={names} onChange={change} onClear={clear} />
            <section aria-labelledby='past-calls-title' aria-busy={list.isFetching && !list.isFetchingNextPage}>
              <h2 id='past-calls-title' className='sr-only'>{t('list.title')}</h2>
              {list.isPending && (
                <div className='grid gap-2' aria-label={t('list.loading')}>
                  <Skeleton className='h-12 w-full' />
                  <Skeleton className='h-12 w-full' />
                  <Skeleton className='h-12 w-full' />
                </div>
              )}
              {list.isError && (
                <QueryErrorAlert
                  message={t('list.loadFailed', { reason: problemMessage(list.error, t) })}
                  onRetry={() => list.refetch()}
                />
              )}
              {list.isSuccess && pastCalls.length === 0 && (
                <EmptyState
                  icon={PhoneCall}
                  title={filtered ? t('list.noMatchTitle') : t('list.noPastTitle')}
                  description={filtered ? t('list.noMatchDescription') : t('list.noPastDescription')}
                  action={filtered && <Button variant='outline' onClick={clear}>{t('filters.clear')}</Button>}
                />
              )}
              {pastCalls.length > 0 && <CallsTable calls={pastCalls} names={names} />}
              <LoadMoreButton query={list} />
            </section>
          </>
        )}
    </div>
  )
}

/** The first call is one the user can make now: from an assistant's page (its test call panel). */
function NoCallsYet({ names }: { names: CallNames }) {
  const { t } = useCallsTranslation()
  const first = names.assistants[0]
  return (
    <EmptyState
      icon={PhoneCall}
      title={t('empty.title')}
      description={first ? t('empty.description') : t('empty.noAssistant')}
      action={
        <Button asChild>
          <Link to={first ? `/assistants/${first.id}` : '/assistants'}>
            {first ? t('empty.testCall') : t('empty.createAssistant')}
          </Link>
        </Button>
      }
    />
  )
}

/**
 * Says what changed among the live calls to screen readers ("Call from 06 12 34 56 78: in progress"), politely:
 * the live cards update silently otherwise.
 */
function LiveAnnouncer({ calls, names }: { calls: CallSummary[] | undefined; names: CallNames }) {
  const { t } = useCallsTranslation()
  const [seen, setSeen] = useState(calls)
  const [message, setMessage] = useState('')
  if (calls !== seen) {
    setSeen(calls)
    if (calls && seen) setMessage(describeChanges(seen, calls, names, t) || message)
  }
  return <p className='sr-only' role='status' aria-live='polite'>{message}</p>
}

function describeChanges(before: CallSummary[], after: CallSummary[], names: CallNames, t: TFunction): string {
  const caller = (c: CallSummary) => names.phone(c.from_number) ?? t(`direction.${c.direction}`)
  const previous = new Map(before.map((c) => [c.id, c]))
  const current = new Set(after.map((c) => c.id))
  const changes: string[] = []
  for (const call of after) {
    if (previous.get(call.id)?.status !== call.status) {
      changes.push(t('live.announce', { caller: caller(call), status: t(`status.${call.status}`) }))
    }
  }
  for (const call of before) {
    if (!current.has(call.id)) changes.push(t('live.announce', { caller: caller(call), status: t('status.ended') }))
  }
  return changes.join(' ')
}
