import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type Tenant, tenantsContract, type UpdateTenantBody } from '@shared/contracts/tenants.ts'
import { callFunction } from '@/lib/functions.ts'
import { type MutationOptions, withCacheUpdate } from '@/lib/mutation.ts'
import { tenantKeys } from './keys.ts'

/** Changes the fields sent of the current tenant (tenant.manage); `owner_phone: null` removes the phone. */
export function updateTenant(tenantId: string, body: UpdateTenantBody) {
  return callFunction(tenantsContract.routes.update, { tenantId, body })
}

export function useUpdateTenant(tenantId: string, options: MutationOptions<Tenant, UpdateTenantBody> = {}) {
  const queryClient = useQueryClient()
  return useMutation({
    ...options,
    mutationFn: (body) => updateTenant(tenantId, body),
    onSuccess: withCacheUpdate(options, () => queryClient.invalidateQueries({ queryKey: tenantKeys.all })),
  })
}
