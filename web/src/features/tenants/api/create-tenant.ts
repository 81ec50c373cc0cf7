import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type CreateTenantBody, Tenant } from '@shared/contracts/tenants.ts'
import { callFunction } from '@/lib/functions.ts'
import { rememberTenant } from '../current-tenant.ts'
import { tenantsQueryOptions } from './get-tenants.ts'

export function createTenant(body: CreateTenantBody) {
  return callFunction('tenants', { method: 'POST', body, schema: Tenant })
}

export function useCreateTenant() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: createTenant,
    onSuccess: async (tenant) => {
      rememberTenant(tenant.id)
      await queryClient.invalidateQueries({ queryKey: tenantsQueryOptions().queryKey })
    },
  })
}
