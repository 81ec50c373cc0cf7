import { queryOptions, useQuery } from '@tanstack/react-query'
import { type TenantMembership, tenantsContract } from '@shared/contracts/tenants.ts'
import { allPages } from '@/lib/functions.ts'
import { tenantKeys } from './keys.ts'

/** Every tenant of the user: the switcher needs them all, and a user belongs to few, so pages are followed. */
export function getTenants(): Promise<TenantMembership[]> {
  return allPages(tenantsContract.routes.list, {})
}

export function tenantsQueryOptions() {
  return queryOptions({ queryKey: tenantKeys.all, queryFn: getTenants })
}

export function useTenants() {
  return useQuery(tenantsQueryOptions())
}
