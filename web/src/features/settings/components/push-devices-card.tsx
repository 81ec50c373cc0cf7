/**
 * Settings → Notifications: the signed-in user's phones registered for push notifications. They register
 * through the mobile app (Expo push tokens); here they are only listed and removed.
 */
import { Smartphone, Trash2 } from 'lucide-react'
import type { PushDevice } from '@shared/contracts/settings.ts'
import { Button } from '@/components/ui/button.tsx'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card.tsx'
import { QueryErrorAlert } from '@/components/ui/query-error-alert.tsx'
import { Skeleton } from '@/components/ui/skeleton.tsx'
import { useFeedback } from '@/lib/feedback.ts'
import { formatDateTime } from '@/lib/format.ts'
import { problemMessage } from '@/lib/problem-message.ts'
import { useDeletePushDevice, usePushDevices } from '../api/push-devices.ts'
import { useSettingsTranslation } from '../i18n.ts'

export function PushDevicesCard() {
  const { t } = useSettingsTranslation()
  const devices = usePushDevices()
  const remove = useDeletePushDevice()
  const withFeedback = useFeedback()

  const onRemove = (device: PushDevice) =>
    withFeedback(() => remove.mutateAsync(device.id), {
      success: t('devices.removed'),
      failure: t('devices.removeFailed'),
    })

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('devices.title')}</CardTitle>
        <CardDescription>{t('devices.description')}</CardDescription>
      </CardHeader>
      <CardContent>
        {devices.isPending && (
          <div role='status' aria-label={t('common.loading')}>
            <Skeleton className='h-12 w-full' />
          </div>
        )}
        {devices.isError && (
          <QueryErrorAlert
            message={t('devices.loadFailed', { reason: problemMessage(devices.error, t) })}
            onRetry={() => devices.refetch()}
          />
        )}
        {devices.isSuccess && devices.data.items.length === 0 && (
          <p className='rounded-md border border-dashed px-3 py-4 text-center text-sm text-muted-foreground'>
            {t('devices.empty')}
          </p>
        )}
        {devices.isSuccess && devices.data.items.length > 0 && (
          <ul className='divide-y rounded-md border' aria-label={t('devices.title')}>
            {devices.data.items.map((device) => (
              <DeviceRow
                key={device.id}
                device={device}
                removing={remove.isPending && remove.variables === device.id}
                onRemove={() => onRemove(device)}
              />
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  )
}

function DeviceRow({ device, removing, onRemove }: { device: PushDevice; removing: boolean; onRemove: () => void }) {
  const { t, i18n } = useSettingsTranslation()
  const platform = device.platform && t(`devices.platform.${device.platform}`)
  const name = device.device_name ?? platform ?? t('devices.unnamed')
  const dates = [
    t('devices.added', { date: formatDateTime(device.created_at, i18n.language) }),
    device.last_used_at && t('devices.lastUsed', { date: formatDateTime(device.last_used_at, i18n.language) }),
  ].filter(Boolean).join(' · ')
  return (
    <li className='flex items-center gap-3 px-3 py-2.5'>
      <Smartphone className='size-4 shrink-0 text-muted-foreground' aria-hidden='true' />
      <div className='grid min-w-0 flex-1 gap-0.5'>
        <span className='truncate text-sm font-medium'>
          {name}
          {device.device_name && platform && <span className='font-normal text-muted-foreground'> · {platform}</span>}
        </span>
        <span className='text-xs text-muted-foreground'>{dates}</span>
      </div>
      <Button
        variant='ghost'
        size='icon-sm'
        className='text-muted-foreground hover:text-destructive'
        aria-label={t('devices.remove', { name })}
        loading={removing}
        onClick={onRemove}
      >
        {!removing && <Trash2 aria-hidden='true' />}
      </Button>
    </li>
  )
}
