/**
 * How Vapi authenticates to our webhook: the server URL, the secret (rotated here, shown once) or the HMAC
 * credential (its id and secret), the deliveries we refused, and what the last change did to the tenant's
 * assistants, workflows and numbers in Vapi.
 */
import { RefreshCw, TriangleAlert, Webhook } from 'lucide-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type {
  RotateWebhookSecretResponse,
  SaveHmacCredentialBody,
  VapiSettings,
  WebhookAuthChange,
} from '@shared/contracts/settings.ts'
import { ConfirmDialog } from '@/components/ui/alert-dialog.tsx'
import { Badge } from '@/components/ui/badge.tsx'
import { Button, buttonVariants } from '@/components/ui/button.tsx'
import { CopyButton } from '@/components/ui/copy-button.tsx'
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@/components/ui/dialog.tsx'
import { Input } from '@/components/ui/input.tsx'
import { Label } from '@/components/ui/label.tsx'
import { useFeedback } from '@/lib/feedback.ts'
import { HmacCredentialForm } from './hmac-credential-form.tsx'
import { PropagationStatus } from './propagation-status.tsx'
import { RejectedDeliveries } from './rejected-deliveries.tsx'

export interface WebhookActions {
  /** Resolves with the new secret, shown here once, and what was pushed to Vapi. */
  onRotate: () => Promise<RotateWebhookSecretResponse>
  onSaveHmacCredential: (body: SaveHmacCredentialBody) => Promise<WebhookAuthChange>
  onDeleteHmacCredential: () => Promise<WebhookAuthChange>
  onSync: () => Promise<WebhookAuthChange>
}

interface Props extends WebhookActions {
  settings: VapiSettings
  canManage: boolean
}

const AUTH_BADGE = { secret: 'success', hmac_credential: 'success', none: 'muted' } as const

export function WebhookSection({ settings, canManage, ...actions }: Props) {
  const { t } = useTranslation()
  const withFeedback = useFeedback()
  const [pending, setPending] = useState(false)
  const [syncing, setSyncing] = useState(false)
  const [secret, setSecret] = useState<string | null>(null)
  // What the last change (in this visit) did in Vapi.
  const [change, setChange] = useState<WebhookAuthChange | null>(null)

  const rotate = async () => {
    setPending(true)
    const rotated = await withFeedback(actions.onRotate, { failure: t('integrations.vapi.webhook.rotateFailed') })
    if (rotated !== undefined) {
      setSecret(rotated.webhook_secret)
      setChange(rotated)
    }
    setPending(false)
  }

  const remember = (done: WebhookAuthChange) => {
    setChange(done)
    return done
  }
  const saveCredential = async (body: SaveHmacCredentialBody) => remember(await actions.onSaveHmacCredential(body))
  const deleteCredential = async () => remember(await actions.onDeleteHmacCredential())

  const sync = async () => {
    setSyncing(true)
    const synced = await withFeedback(actions.onSync, { failure: t('integrations.vapi.webhook.sync.retryFailed') })
    if (synced !== undefined) setChange(synced)
    setSyncing(false)
  }

  return (
    <div className='grid gap-4'>
      <div className='flex gap-3'>
        <Webhook className='mt-0.5 size-4 shrink-0 text-muted-foreground' aria-hidden='true' />
        <div className='grid flex-1 gap-1'>
          <h3 className='font-medium'>{t('integrations.vapi.webhook.title')}</h3>
          <p className='text-sm text-muted-foreground'>{t('integrations.vapi.webhook.description')}</p>
        </div>
        <Badge variant={AUTH_BADGE[settings.webhook_auth]} className='self-start'>
          {t(`integrations.vapi.webhook.auth.${settings.webhook_auth}`)}
        </Badge>
      </div>
      <div className='grid gap-4 sm:pl-7'>
        <div className='grid gap-1.5'>
          <Label htmlFor='vapi-webhook-url'>{t('integrations.vapi.webhook.url')}</Label>
          <div className='flex gap-2'>
            <Input
              id='vapi-webhook-url'
              readOnly
              value={settings.webhook_url}
              className='font-mono text-xs'
            />
            <CopyButton value={settings.webhook_url} label={t('integrations.vapi.webhook.copyUrl')} />
          </div>
        </div>
        <div className='flex flex-wrap items-center justify-between gap-3 rounded-md border bg-muted/30 px-3 py-2.5'>
          <div className='grid gap-0.5'>
            <span className='text-sm font-medium'>{t('integrations.vapi.webhook.secret')}</span>
            <span className='text-xs text-muted-foreground'>
              {settings.has_webhook_secret
                ? (
                  <>
                    <Badge variant='success' className='mr-2'>{t('integrations.status.set')}</Badge>
                    {settings.webhook_secret_preview && (
                      <code className='font-mono'>{settings.webhook_secret_preview}</code>
                    )}
                  </>
                )
                : t('integrations.vapi.webhook.noSecret')}
            </span>
            {settings.webhook_auth === 'hmac_credential' && settings.has_webhook_secret && (
              <span className='text-xs text-muted-foreground'>{t('integrations.vapi.webhook.secretUnused')}</span>
            )}
          </div>
          {canManage && (settings.has_webhook_secret
            ? (
              <ConfirmDialog
                trigger={
                  <Button variant='outline' size='sm' loading={pending}>
                    <RefreshCw aria-hidden='true' />
                    {t('integrations.vapi.webhook.rotate')}
                  </Button>
                }
                title={t('integrations.vapi.webhook.rotateTitle')}
                description={t('integrations.vapi.webhook.rotateDescription')}
                confirmLabel={t('integrations.vapi.webhook.rotate')}
                onConfirm={rotate}
                tone='default'
              />
            )
            : (
              <Button variant='outline' size='sm' loading={pending} onClick={rotate}>
                {t('integrations.vapi.webhook.generate')}
              </Button>
            ))}
        </div>
        <HmacCredentialForm
          settings={settings}
          canManage={canManage}
          onSave={saveCredential}
          onDelete={deleteCredential}
        />
        <RejectedDeliveries settings={settings} canResync={canManage} resyncing={syncing} onResync={sync} />
        {change && <PropagationStatus change={change} canRetry={canManage} retrying={syncing} onRetry={sync} />}
      </div>

      <Dialog open={secret !== null} onOpenChange={(open) => !open && setSecret(null)}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>{t('integrations.vapi.webhook.secretTitle')}</DialogTitle>
            <DialogDescription>{t('integrations.vapi.webhook.secretDescription')}</DialogDescription>
          </DialogHeader>
          <div className='grid gap-1.5'>
            <Label htmlFor='vapi-webhook-secret'>{t('integrations.vapi.webhook.secret')}</Label>
            <div className='flex gap-2'>
              <Input
                id='vapi-webhook-secret'
                readOnly
                value={secret ?? ''}
                className='font-mono text-xs'
                onFocus={(e) => e.currentTarget.select()}
              />
              <CopyButton value={secret ?? ''} label={t('integrations.vapi.webhook.copySecret')} />
            </div>
          </div>
          <p className='flex gap-2 text-xs text-muted-foreground'>
            <TriangleAlert className='size-4 shrink-0 text-warning' aria-hidden='true' />
            {t('integrations.vapi.webhook.secretOnce')}
          </p>
          <DialogFooter>
            <DialogClose className={buttonVariants()}>{t('common.done')}</DialogClose>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </div>
  )
}
