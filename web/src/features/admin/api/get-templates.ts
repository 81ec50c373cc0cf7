import { useInfiniteQuery } from '@tanstack/react-query'
import { adminContract } from '@shared/contracts/admin.ts'
import { callFunction } from '@/lib/functions.ts'
import { adminKeys } from './keys.ts'

export function getTemplates(cursor?: string) {
  return callFunction(adminContract.routes.listTemplates, { query: { cursor, limit: 100 } })
}

/** Every template, by profession then language, page after page. */
export function useTemplates() {
  return useInfiniteQuery({
    queryKey: adminKeys.templates(),
    queryFn: ({ pageParam }) => getTemplates(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  })
}
