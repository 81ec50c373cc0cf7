import { ArrowRight, Bot, CircleCheck, Clock, Globe, PlugZap, ShieldCheck } from 'lucide-react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { Badge } from '@/components/ui/badge.tsx'
import { Card } from '@/components/ui/card.tsx'
import { PageHeader } from '@/components/ui/page-header.tsx'
import { Skeleton } from '@/components/ui/skeleton.tsx'
import { CallsOverviewSection } from '@/features/calls/index.ts'
import { useVapiSettings } from '@/features/settings/api/get-vapi-settings.ts'
import { useCan, useCurrentTenant } from '@/features/tenants/index.ts'
import { countryName } from '@/lib/countries.ts'
import { useDocumentTitle } from '@/hooks/use-document-title.ts'

export function OverviewRoute() {
  const { t, i18n } = useTranslation()
  const { tenant } = useCurrentTenant()
  const vapi = useVapiSettings(tenant.id)
  const canReadCalls = useCan('calls.read')
  useDocumentTitle(t('nav.overview'))

  return (
    <>
      <PageHeader title={tenant.name} description={t('overview.description')} />
      <div className='grid gap-3 sm:grid-cols-2 lg:grid-cols-4'>
        <StatusTile icon={PlugZap} label={t('overview.vapi')}>
          {vapi.isPending
            ? <Skeleton className='h-5 w-24' />
            : vapi.data?.has_vapi_key
            ? (
              <Badge variant='success'>
                <CircleCheck aria-hidden='true' />
                {t('integrations.status.configured')}
              </Badge>
            )
            : (
              <Link
                to='/settings/integrations'
                className='inline-flex items-center gap-1 text-sm font-medium text-primary hover:underline'
              >
                {t('integrations.status.notConfigured')}
                <ArrowRight className='size-3.5' aria-hidden='true' />
              </Link>
            )}
        </StatusTile>
        <StatusTile icon={Bot} label={t('overview.profession')}>
          <span className='font-medium'>{t(`professions.${tenant.profession}`)}</span>
        </StatusTile>
        <StatusTile icon={ShieldCheck} label={t('overview.role')}>
          <span className='font-medium'>{t(`roles.${tenant.role.name}`, tenant.role.name)}</span>
        </StatusTile>
        <StatusTile icon={Clock} label={t('overview.timezone')}>
          <span className='font-medium'>{tenant.timezone.replaceAll('_', ' ')}</span>
        </StatusTile>
      </div>

      {canReadCalls && vapi.data?.has_vapi_key && <CallsOverviewSection />}

      <Card className='mt-6 p-5'>
        <h2 className='text-base font-semibold'>{t('overview.nextSteps')}</h2>
        <ol className='mt-3 grid gap-2'>
          <Step done={!!vapi.data?.has_vapi_key} to='/settings/integrations'>{t('overview.stepVapi')}</Step>
          <Step done={false} to='/assistants'>{t('overview.stepAssistant')}</Step>
          <Step done={false} to='/channels'>{t('overview.stepChannels')}</Step>
        </ol>
      </Card>
      <p className='mt-4 flex items-center gap-1.5 text-xs text-muted-foreground'>
        <Globe className='size-3.5' aria-hidden='true' />
        {t('overview.locale', {
          language: t(`language.${tenant.language}`),
          country: countryName(tenant.country, i18n.language),
        })}
      </p>
    </>
  )
}

function StatusTile(
  { icon: Icon, label, children }: { icon: typeof Bot; label: string; children: ReactNode },
) {
  return (
    <Card className='grid gap-2 p-4'>
      <span className='flex items-center gap-2 text-xs font-medium text-muted-foreground'>
        <Icon className='size-4' aria-hidden='true' />
        {label}
      </span>
      <div className='min-h-6'>{children}</div>
    </Card>
  )
}

function Step({ done, to, children }: { done: boolean; to: string; children: ReactNode }) {
  const { t } = useTranslation()
  return (
    <li>
      <Link
        to={to}
        className='flex items-center gap-3 rounded-md px-2 py-2 text-sm outline-none hover:bg-muted focus-visible:ring-2 focus-visible:ring-ring'
      >
        {done ? <CircleCheck className='size-5 text-success' aria-label={t('overview.done')} /> : (
          <span
            className='size-5 rounded-full border-2 border-dashed border-input'
            aria-label={t('overview.todo')}
          />
        )}
        <span className={done ? 'text-muted-foreground line-through' : ''}>{children}</span>
        <ArrowRight className='ml-auto size-4 text-muted-foreground' aria-hidden='true' />
      </Link>
    </li>
  )
}
