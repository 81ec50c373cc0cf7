/**
 * What the last change of webhook authentication did in Vapi: how many assistants, workflows and phone
 * numbers now carry it, or which ones Vapi refused, with a retry that pushes everything again.
 */
import { CircleCheck, RefreshCw, TriangleAlert } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import type { WebhookAuthChange } from '@shared/contracts/settings.ts'
import { Alert } from '@/components/ui/alert.tsx'
import { Button } from '@/components/ui/button.tsx'
import { formatDateTime } from '@/lib/format.ts'

interface Props {
  change: WebhookAuthChange
  canRetry: boolean
  retrying: boolean
  onRetry: () => void
}

export function PropagationStatus({ change, canRetry, retrying, onRetry }: Props) {
  const { t, i18n } = useTranslation()
  const { propagation } = change
  const at = formatDateTime(change.webhook_synced_at, i18n.language)
  const total = propagation.assistants + propagation.workflows + propagation.phone_numbers
  const updated = total === 0 && propagation.failed.length === 0
    ? t('integrations.vapi.webhook.sync.nothing')
    : t('integrations.vapi.webhook.sync.updated', {
      assistants: t('integrations.vapi.webhook.sync.assistants', { count: propagation.assistants }),
      workflows: t('integrations.vapi.webhook.sync.workflows', { count: propagation.workflows }),
      phoneNumbers: t('integrations.vapi.webhook.sync.phoneNumbers', { count: propagation.phone_numbers }),
    })

  if (propagation.failed.length === 0) {
    return (
      <Alert className='bg-muted/30'>
        <CircleCheck className='text-success' aria-hidden='true' />
        <span>
          {updated} <span className='text-muted-foreground'>{t('integrations.vapi.webhook.sync.at', { at })}</span>
        </span>
      </Alert>
    )
  }
  return (
    <Alert variant='warning' role='alert' className='flex-wrap'>
      <TriangleAlert aria-hidden='true' />
      <div className='grid min-w-0 flex-1 gap-2'>
        <p className='font-medium'>
          {t('integrations.vapi.webhook.sync.failed', { count: propagation.failed.length })}
        </p>
        <ul className='grid gap-1 text-xs'>
          {propagation.failed.map((failure) => (
            <li key={`${failure.kind}:${failure.id}`} className='break-words'>
              <span className='font-medium'>
                {t(`integrations.vapi.webhook.sync.kind.${failure.kind}`)} {failure.name ?? failure.id}
              </span>
              {' — '}
              {failure.reason}
            </li>
          ))}
        </ul>
        <p className='text-xs text-muted-foreground'>
          {updated} {t('integrations.vapi.webhook.sync.at', { at })}
        </p>
      </div>
      {canRetry && (
        <Button variant='outline' size='sm' loading={retrying} onClick={onRetry}>
          <RefreshCw aria-hidden='true' />
          {t('common.retry')}
        </Button>
      )}
    </Alert>
  )
}
