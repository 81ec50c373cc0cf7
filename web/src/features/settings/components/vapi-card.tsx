import { CircleCheck, Lock } from 'lucide-react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { SaveVapiKeyBody, SaveVapiPublicKeyBody, VapiSettings } from '@shared/contracts/settings.ts'
import { Alert } from '@/components/ui/alert.tsx'
import { Badge } from '@/components/ui/badge.tsx'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card.tsx'
import { Separator } from '@/components/ui/separator.tsx'
import { Skeleton } from '@/components/ui/skeleton.tsx'
import { QueryErrorAlert } from '@/components/ui/query-error-alert.tsx'
import { problemMessage } from '@/lib/problem-message.ts'
import { useDeleteHmacCredential } from '../api/delete-hmac-credential.ts'
import { useDeleteVapiKey } from '../api/delete-vapi-key.ts'
import { useDeleteVapiPublicKey } from '../api/delete-vapi-public-key.ts'
import { useVapiSettings } from '../api/get-vapi-settings.ts'
import { useRotateWebhookSecret } from '../api/rotate-webhook-secret.ts'
import { useSaveHmacCredential } from '../api/save-hmac-credential.ts'
import { useSaveVapiKey } from '../api/save-vapi-key.ts'
import { useSaveVapiPublicKey } from '../api/save-vapi-public-key.ts'
import { useSyncWebhook } from '../api/sync-webhook.ts'
import { PublicKeySection } from './public-key-section.tsx'
import { VapiKeySection } from './vapi-key-section.tsx'
import { type WebhookActions, WebhookSection } from './webhook-section.tsx'

/** The Vapi integration of one tenant, wired to the settings function. */
export function VapiCard({ tenantId, canManage }: { tenantId: string; canManage: boolean }) {
  const { t } = useTranslation()
  const settings = useVapiSettings(tenantId)
  const saveKey = useSaveVapiKey(tenantId)
  const deleteKey = useDeleteVapiKey(tenantId)
  const savePublicKey = useSaveVapiPublicKey(tenantId)
  const deletePublicKey = useDeleteVapiPublicKey(tenantId)
  const rotate = useRotateWebhookSecret(tenantId)
  const saveHmacCredential = useSaveHmacCredential(tenantId)
  const deleteHmacCredential = useDeleteHmacCredential(tenantId)
  const sync = useSyncWebhook(tenantId)

  if (settings.isPending) return <VapiCardSkeleton />
  if (settings.isError) {
    return (
      <VapiCardFrame>
        <QueryErrorAlert
          message={t('integrations.loadFailed', { reason: problemMessage(settings.error, t) })}
          onRetry={() => settings.refetch()}
        />
      </VapiCardFrame>
    )
  }
  return (
    <VapiCardView
      settings={settings.data}
      canManage={canManage}
      onSaveKey={saveKey.mutateAsync}
      onDeleteKey={deleteKey.mutateAsync}
      onSavePublicKey={savePublicKey.mutateAsync}
      onDeletePublicKey={deletePublicKey.mutateAsync}
      webhook={{
        onRotate: rotate.mutateAsync,
        onSaveHmacCredential: saveHmacCredential.mutateAsync,
        onDeleteHmacCredential: deleteHmacCredential.mutateAsync,
        onSync: sync.mutateAsync,
      }}
    />
  )
}

interface ViewProps {
  settings: VapiSettings
  canManage: boolean
  onSaveKey: (body: SaveVapiKeyBody) => Promise<unknown>
  onDeleteKey: () => Promise<unknown>
  onSavePublicKey: (body: SaveVapiPublicKeyBody) => Promise<unknown>
  onDeletePublicKey: () => Promise<unknown>
  webhook: WebhookActions
}

export function VapiCardView(props: ViewProps) {
  const { t } = useTranslation()
  const { settings, canManage } = props
  return (
    <VapiCardFrame
      status={settings.has_vapi_key
        ? (
          <Badge variant='success'>
            <CircleCheck aria-hidden='true' />
            {t('integrations.status.configured')}
          </Badge>
        )
        : <Badge variant='muted'>{t('integrations.status.notConfigured')}</Badge>}
    >
      {!canManage && (
        <Alert className='mb-5 bg-muted/40'>
          <Lock aria-hidden='true' />
          <span>{t('integrations.readOnly')}</span>
        </Alert>
      )}
      <VapiKeySection
        settings={settings}
        canManage={canManage}
        onSave={props.onSaveKey}
        onDelete={props.onDeleteKey}
      />
      <Separator className='my-5' />
      <PublicKeySection
        settings={settings}
        canManage={canManage}
        onSave={props.onSavePublicKey}
        onDelete={props.onDeletePublicKey}
      />
      <Separator className='my-5' />
      <WebhookSection settings={settings} canManage={canManage} {...props.webhook} />
    </VapiCardFrame>
  )
}

function VapiCardFrame({ status, children }: { status?: ReactNode; children: ReactNode }) {
  const { t } = useTranslation()
  return (
    <Card aria-labelledby='vapi-card-title'>
      <CardHeader className='flex-row items-start justify-between gap-4 space-y-0'>
        <div className='flex gap-3'>
          <span
            className='flex size-9 shrink-0 items-center justify-center rounded-md bg-foreground text-sm font-bold text-background'
            aria-hidden='true'
          >
            V
          </span>
          <div className='grid gap-1'>
            <CardTitle id='vapi-card-title'>Vapi</CardTitle>
            <CardDescription>{t('integrations.vapi.description')}</CardDescription>
          </div>
        </div>
        {status}
      </CardHeader>
      <CardContent className='pt-2'>{children}</CardContent>
    </Card>
  )
}

function VapiCardSkeleton() {
  const { t } = useTranslation()
  return (
    <VapiCardFrame>
      <div className='grid gap-3' role='status' aria-label={t('common.loading')}>
        <Skeleton className='h-5 w-48' />
        <Skeleton className='h-9 w-full' />
        <Skeleton className='h-5 w-64' />
        <Skeleton className='h-9 w-full' />
      </div>
    </VapiCardFrame>
  )
}
