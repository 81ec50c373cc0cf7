import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query'
import { adminContract } from '@shared/contracts/admin.ts'
import { callFunction } from '@/lib/functions.ts'
import { adminKeys } from './keys.ts'

export interface VirtualNumberFilters {
  country?: string
  status?: 'available' | 'assigned'
}

export function getVirtualNumbers(filters: VirtualNumberFilters, cursor?: string) {
  return callFunction(adminContract.routes.listVirtualNumbers, { query: { ...filters, cursor, limit: 50 } })
}

/** The pool, by number, with the tenant holding each, filtered by country and status. */
export function useVirtualNumbers(filters: VirtualNumberFilters) {
  return useInfiniteQuery({
    queryKey: adminKeys.virtualNumberList(filters),
    queryFn: ({ pageParam }) => getVirtualNumbers(filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
  })
}
