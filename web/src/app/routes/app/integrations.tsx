import { useTranslation } from 'react-i18next'
import { VapiCard } from '@/features/settings/components/vapi-card.tsx'
import { useCan, useCurrentTenant } from '@/features/tenants/components/tenant-context.tsx'
import { useDocumentTitle } from '@/hooks/use-document-title.ts'

export function IntegrationsRoute() {
  const { t } = useTranslation()
  const { tenant } = useCurrentTenant()
  const canManage = useCan('settings.manage')
  useDocumentTitle(`${t('settings.tabs.integrations')} · ${t('nav.settings')}`)
  return (
    <div className='grid gap-6'>
      <p className='text-sm text-muted-foreground'>{t('integrations.description')}</p>
      <VapiCard key={tenant.id} tenantId={tenant.id} canManage={canManage} />
    </div>
  )
}
