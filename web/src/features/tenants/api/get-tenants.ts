import { queryOptions, useQuery } from '@tanstack/react-query'
import { MAX_PAGE_SIZE } from '@shared/contracts/pagination.ts'
import { type TenantMembership, tenantsContract } from '@shared/contracts/tenants.ts'
import { callFunction } from '@/lib/functions.ts'
import { tenantKeys } from './keys.ts'

/** Every tenant of the user: the switcher needs them all, and a user belongs to few, so pages are followed. */
export async function getTenants(): Promise<TenantMembership[]> {
  const tenants: TenantMembership[] = []
  let cursor: string | undefined
  do {
    const page = await callFunction(tenantsContract.routes.list, { query: { limit: MAX_PAGE_SIZE, cursor } })
    tenants.push(...page.items)
    cursor = page.next_cursor ?? undefined
  } while (cursor)
  return tenants
}

export function tenantsQueryOptions() {
  return queryOptions({ queryKey: tenantKeys.all, queryFn: getTenants })
}

export function useTenants() {
  return useQuery(tenantsQueryOptions())
}
