import { ArrowRight, PlugZap } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { buttonVariants } from '@/components/ui/button.tsx'

/** Shown on voice pages while the tenant has no Vapi key: nothing can sync until one is saved. */
export function VapiNotConfigured({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation()
  return (
    <div
      role='status'
      className='flex flex-col gap-4 rounded-lg border border-warning/40 bg-warning/8 p-5 sm:flex-row sm:items-center'
    >
      <span className='flex size-10 shrink-0 items-center justify-center rounded-full bg-warning/15 text-[oklch(0.45_0.1_70)]'>
        <PlugZap className='size-5' aria-hidden='true' />
      </span>
      <div className='grid flex-1 gap-1'>
        <p className='font-medium'>{t('voice.notConfigured')}</p>
        <p className='text-sm text-muted-foreground'>
          {canManage ? t('voice.notConfiguredHint') : t('voice.notConfiguredAskAdmin')}
        </p>
      </div>
      <Link to='/settings/integrations' className={buttonVariants({ variant: 'outline', size: 'sm' })}>
        {t('voice.openIntegrations')}
        <ArrowRight aria-hidden='true' />
      </Link>
    </div>
  )
}
