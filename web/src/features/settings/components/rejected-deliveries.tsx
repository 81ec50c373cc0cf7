/**
 * The webhook deliveries we refused (secret or signature missing, wrong or stale): none is a quiet line; any
 * is a warning with the last one's time and reason, and a re-sync for whoever may manage the settings.
 */
import { RefreshCw, ShieldAlert, ShieldCheck } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import type { VapiSettings } from '@shared/contracts/settings.ts'
import { Alert } from '@/components/ui/alert.tsx'
import { Button } from '@/components/ui/button.tsx'
import { formatDateTime } from '@/lib/format.ts'

interface Props {
  settings: Pick<VapiSettings, 'rejected_deliveries' | 'last_rejected_at' | 'last_rejected_reason'>
  canResync: boolean
  resyncing: boolean
  onResync: () => void
}

export function RejectedDeliveries({ settings, canResync, resyncing, onResync }: Props) {
  const { t, i18n } = useTranslation()
  const count = settings.rejected_deliveries
  if (count === 0) {
    return (
      <p className='flex items-center gap-2 text-xs text-muted-foreground' data-testid='rejected-deliveries'>
        <ShieldCheck className='size-4 shrink-0 text-success' aria-hidden='true' />
        {t('integrations.vapi.webhook.rejected.none')}
      </p>
    )
  }
  const at = settings.last_rejected_at && formatDateTime(settings.last_rejected_at, i18n.language)
  return (
    <Alert variant='warning' className='flex-wrap items-start' data-testid='rejected-deliveries'>
      <ShieldAlert aria-hidden='true' />
      {/* At least 12rem wide: on a phone the re-sync wraps below rather than squeezing the sentences. */}
      <div className='grid min-w-48 flex-1 gap-1'>
        <p className='font-medium'>{t('integrations.vapi.webhook.rejected.count', { count })}</p>
        {at && (
          <p className='text-xs break-words'>
            {settings.last_rejected_reason
              ? t('integrations.vapi.webhook.rejected.last', { at, reason: settings.last_rejected_reason })
              : t('integrations.vapi.webhook.rejected.lastAt', { at })}
          </p>
        )}
        <p className='text-xs text-muted-foreground'>{t('integrations.vapi.webhook.rejected.hint')}</p>
      </div>
      {canResync && (
        <Button variant='outline' size='sm' loading={resyncing} onClick={onResync}>
          <RefreshCw aria-hidden='true' />
          {t('integrations.vapi.webhook.rejected.resync')}
        </Button>
      )}
    </Alert>
  )
}
