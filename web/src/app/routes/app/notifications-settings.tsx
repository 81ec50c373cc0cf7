import { Lock } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Alert } from '@/components/ui/alert.tsx'
import { NotificationPreferencesCard } from '@/features/settings/components/notification-preferences-card.tsx'
import { PushDevicesCard } from '@/features/settings/components/push-devices-card.tsx'
import { useSettingsTranslation } from '@/features/settings/i18n.ts'
import { useCan, useCurrentTenant } from '@/features/tenants/index.ts'
import { useDocumentTitle } from '@/hooks/use-document-title.ts'

/** Settings → Notifications: what the member is notified of in this tenant, and their phones. */
export function NotificationsSettingsRoute() {
  const { t } = useTranslation()
  const { t: ts } = useSettingsTranslation()
  const { tenant } = useCurrentTenant()
  const canReadCalls = useCan('calls.read')
  useDocumentTitle(`${t('settings.tabs.notifications')} · ${t('nav.settings')}`)
  return (
    <div className='grid gap-6'>
      {canReadCalls
        ? <NotificationPreferencesCard key={tenant.id} tenantId={tenant.id} tenantName={tenant.name} />
        : (
          <Alert className='bg-muted/40'>
            <Lock aria-hidden='true' />
            <span>{ts('notifications.forbidden', { tenant: tenant.name })}</span>
          </Alert>
        )}
      <PushDevicesCard />
    </div>
  )
}
