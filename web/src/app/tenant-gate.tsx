import { useQueryClient } from '@tanstack/react-query'
import { useCallback, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Navigate, Outlet } from 'react-router'
import { QueryErrorAlert } from '@/components/ui/query-error-alert.tsx'
import { tenantsQueryOptions, useTenants } from '@/features/tenants/api/get-tenants.ts'
import { rememberedTenant, rememberTenant } from '@/features/tenants/current-tenant.ts'
import { TenantContext } from '@/features/tenants/components/tenant-context.tsx'
import { problemMessage } from '@/lib/problem-message.ts'
import { FullPageSpinner } from './guards.tsx'

/** Picks the current tenant (last used on this browser, else the first); a user with none creates one. */
export function TenantGate() {
  const { t } = useTranslation()
  const tenants = useTenants()
  const queryClient = useQueryClient()
  const [selected, setSelected] = useState(rememberedTenant)

  const switchTenant = useCallback((id: string) => {
    rememberTenant(id)
    setSelected(id)
  }, [])

  const value = useMemo(() => {
    const list = tenants.data ?? []
    const tenant = list.find((item) => item.id === selected) ?? list[0]
    return tenant ? { tenant, tenants: list, switchTenant } : null
  }, [tenants.data, selected, switchTenant])

  if (tenants.isPending) return <FullPageSpinner />
  if (tenants.isError) {
    return (
      <div className='mx-auto flex min-h-dvh max-w-md items-center px-4'>
        <QueryErrorAlert
          className='w-full'
          message={t('tenants.loadFailed', { reason: problemMessage(tenants.error, t) })}
          onRetry={() => queryClient.invalidateQueries({ queryKey: tenantsQueryOptions().queryKey })}
        />
      </div>
    )
  }
  if (!value) return <Navigate to='/onboarding' replace />
  return (
    <TenantContext value={value}>
      <Outlet />
    </TenantContext>
  )
}
