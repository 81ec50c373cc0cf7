import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { adminContract } from '@shared/contracts/admin.ts'
import { callFunction } from '@/lib/functions.ts'
import { adminKeys } from './keys.ts'

export function searchTenants(query: string) {
  return callFunction(adminContract.routes.listTenants, { query: { query: query || undefined, limit: 20 } })
}

/** The first tenants whose name contains `query` (every tenant of the platform, not only the admin's). */
export function useTenantSearch(query: string) {
  return useQuery({
    queryKey: adminKeys.tenants(query),
    queryFn: () => searchTenants(query),
    placeholderData: keepPreviousData,
  })
}
