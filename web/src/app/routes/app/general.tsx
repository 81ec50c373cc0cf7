import { useTranslation } from 'react-i18next'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card.tsx'
import { RetentionCard } from '@/features/settings/components/retention-card.tsx'
import { OwnerPhoneCard, useCan, useCurrentTenant } from '@/features/tenants/index.ts'
import { useDocumentTitle } from '@/hooks/use-document-title.ts'
import { countryName } from '@/lib/countries.ts'
import { formatDateTime } from '@/lib/format.ts'

export function GeneralRoute() {
  const { t, i18n } = useTranslation()
  const { tenant } = useCurrentTenant()
  const canReadSettings = useCan('settings.read')
  const canManageSettings = useCan('settings.manage')
  useDocumentTitle(`${t('settings.tabs.general')} · ${t('nav.settings')}`)
  const country = countryName(tenant.country, i18n.language)
  const rows: [string, string][] = [
    [t('tenants.name'), tenant.name],
    [t('settings.general.slug'), tenant.slug],
    [t('tenants.profession'), t(`professions.${tenant.profession}`)],
    [t('tenants.country'), country],
    [t('tenants.language'), t(`language.${tenant.language}`)],
    [t('tenants.timezone'), tenant.timezone.replaceAll('_', ' ')],
    [t('settings.general.createdAt'), formatDateTime(tenant.created_at, i18n.language)],
  ]
  return (
    <div className='grid gap-6'>
      <Card>
        <CardHeader>
          <CardTitle>{t('settings.general.title')}</CardTitle>
          <CardDescription>{t('settings.general.description')}</CardDescription>
        </CardHeader>
        <CardContent>
          <dl className='grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[12rem_1fr]'>
            {rows.map(([label, value]) => (
              <div key={label} className='contents'>
                <dt className='text-muted-foreground'>{label}</dt>
                <dd className='font-medium break-words'>{value}</dd>
              </div>
            ))}
          </dl>
        </CardContent>
      </Card>
      <OwnerPhoneCard key={tenant.id} />
      {canReadSettings && <RetentionCard key={`retention:${tenant.id}`} tenantId={tenant.id} canManage={canManageSettings} />}
    </div>
  )
}
