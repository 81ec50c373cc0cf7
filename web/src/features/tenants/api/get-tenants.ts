import { queryOptions, useQuery } from '@tanstack/react-query'
import { ListTenantsResponse } from '@shared/contracts/tenants.ts'
import { callFunction } from '@/lib/functions.ts'

export async function getTenants() {
  const { tenants } = await callFunction('tenants', { schema: ListTenantsResponse })
  return tenants
}

export function tenantsQueryOptions() {
  return queryOptions({ queryKey: ['tenants'], queryFn: getTenants })
}

export function useTenants() {
  return useQuery(tenantsQueryOptions())
}
