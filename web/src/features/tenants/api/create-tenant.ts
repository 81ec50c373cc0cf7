import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type CreateTenantBody, type Tenant, tenantsContract } from '@shared/contracts/tenants.ts'
import { callFunction } from '@/lib/functions.ts'
import { type MutationOptions, withCacheUpdate } from '@/lib/mutation.ts'
import { rememberTenant } from '../current-tenant.ts'
import { tenantKeys } from './keys.ts'

export function createTenant(body: CreateTenantBody) {
  return callFunction(tenantsContract.routes.create, { body })
}

export function useCreateTenant(options: MutationOptions<Tenant, CreateTenantBody> = {}) {
  const queryClient = useQueryClient()
  return useMutation({
    ...options,
    mutationFn: createTenant,
    onSuccess: withCacheUpdate(options, async (tenant) => {
      rememberTenant(tenant.id)
      await queryClient.invalidateQueries({ queryKey: tenantKeys.all })
    }),
  })
}
