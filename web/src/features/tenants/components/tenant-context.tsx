import { createContext, use } from 'react'
import type { TenantMembership } from '@shared/contracts/tenants.ts'
import { hasPermission, type Permission } from '@shared/permissions.ts'

export interface TenantContextValue {
  tenant: TenantMembership
  tenants: TenantMembership[]
  switchTenant: (id: string) => void
}

export const TenantContext = createContext<TenantContextValue | null>(null)

export function useCurrentTenant(): TenantContextValue {
  const value = use(TenantContext)
  if (!value) throw new Error('useCurrentTenant must be used under a TenantContext (inside the app layout)')
  return value
}

export function useCan(permission: Permission): boolean {
  return hasPermission(useCurrentTenant().tenant.permissions, permission)
}
