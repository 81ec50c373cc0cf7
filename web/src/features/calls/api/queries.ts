/** The calls' reads: the list (page by page, filtered), the live calls, one call in full, the overview. */
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query'
import { type CallFilters, callsContract } from '@shared/contracts/calls.ts'
import { callFunction } from '@/lib/functions.ts'
import { callKeys, type OverviewRange } from './keys.ts'

const routes = callsContract.routes
export const CALLS_PAGE_SIZE = 50

export function getCalls(tenantId: string, filters: CallFilters, cursor?: string) {
  return callFunction(routes.listCalls, { tenantId, query: { ...filters, cursor, limit: CALLS_PAGE_SIZE } })
}

/** Every call matching the filters, newest first, a page at a time ("Load more"). */
export function useCalls(tenantId: string, filters: CallFilters) {
  return useInfiniteQuery({
    queryKey: callKeys.list(tenantId, filters),
    queryFn: ({ pageParam }) => getCalls(tenantId, filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
  })
}

/** The calls not ended yet; kept current by the realtime channel (useCallsRealtime), not by polling. */
export function useLiveCalls(tenantId: string) {
  return useQuery({
    queryKey: callKeys.live(tenantId),
    queryFn: () => callFunction(routes.liveCalls, { tenantId }),
  })
}

export function useCall(tenantId: string, id: string) {
  return useQuery({
    queryKey: callKeys.detail(tenantId, id),
    queryFn: () => callFunction(routes.getCall, { tenantId, params: { id } }),
  })
}

export function useCallsOverview(tenantId: string, range: OverviewRange) {
  return useQuery({
    queryKey: callKeys.overview(tenantId, range),
    queryFn: () => callFunction(routes.overview, { tenantId, query: range }),
    placeholderData: keepPreviousData,
  })
}

/** A fresh signed URL for a call's recording (the one in the detail expires after a few minutes). */
export function getRecording(tenantId: string, id: string) {
  return callFunction(routes.recordingUrl, { tenantId, params: { id } })
}
