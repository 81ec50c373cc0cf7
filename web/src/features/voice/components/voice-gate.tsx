import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Alert } from '@/components/ui/alert.tsx'
import { Skeleton } from '@/components/ui/skeleton.tsx'
import { useVapiSettings } from '@/features/settings/index.ts'
import { useCan, useCurrentTenant } from '@/features/tenants/index.ts'
import { problemMessage } from '@/lib/problem-message.ts'
import { VapiNotConfigured } from './vapi-not-configured.tsx'

/** Voice pages need the tenant's Vapi key: until there is one, they say so and point at the settings. */
export function VoiceGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation()
  const { tenant } = useCurrentTenant()
  const canManage = useCan('settings.manage')
  const vapi = useVapiSettings(tenant.id)
  if (vapi.isPending) return <Skeleton className='h-48 w-full' />
  if (vapi.isError) {
    return (
      <Alert variant='destructive' role='alert'>
        {t('integrations.loadFailed', { reason: problemMessage(vapi.error, t) })}
      </Alert>
    )
  }
  if (!vapi.data.has_vapi_key) return <VapiNotConfigured canManage={canManage} />
  return children
}
