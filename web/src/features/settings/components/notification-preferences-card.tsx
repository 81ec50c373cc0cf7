/**
 * Settings → Notifications: per kind of notification (call completed, missed call), whether the member gets
 * it in the app (the bell) and on their phones (push), in the current tenant. A switch saves as it moves.
 */
import { BellRing } from 'lucide-react'
import { toast } from 'sonner'
import {
  NOTIFICATION_KINDS,
  type NotificationKind,
  type NotificationPreference,
  type NotificationPreferences,
} from '@shared/contracts/notifications.ts'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card.tsx'
import { QueryErrorAlert } from '@/components/ui/query-error-alert.tsx'
import { Skeleton } from '@/components/ui/skeleton.tsx'
import { problemMessage } from '@/lib/problem-message.ts'
import { useNotificationPreferences, useSaveNotificationPreferences } from '../api/notification-preferences.ts'
import { useSettingsTranslation } from '../i18n.ts'
import { ToggleSwitch } from './toggle-switch.tsx'

type Channel = 'in_app' | 'push'
const CHANNELS: readonly Channel[] = ['in_app', 'push']

/** One choice per kind, in the contract's order: a kind the server did not answer is on (no row, all on). */
export function preferenceRows(items: NotificationPreference[]): NotificationPreference[] {
  return NOTIFICATION_KINDS.map((kind) => items.find((item) => item.kind === kind) ?? { kind, in_app: true, push: true })
}

export function NotificationPreferencesCard({ tenantId, tenantName }: { tenantId: string; tenantName: string }) {
  const { t } = useSettingsTranslation()
  const preferences = useNotificationPreferences(tenantId)
  const save = useSaveNotificationPreferences(tenantId)

  const change = (items: NotificationPreference[]) =>
    save.mutate(items, {
      onError: (error) =>
        toast.error(t('notifications.saveFailed'), { description: problemMessage(error, t) }),
    })

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('notifications.title')}</CardTitle>
        <CardDescription>{t('notifications.description', { tenant: tenantName })}</CardDescription>
      </CardHeader>
      <CardContent>
        {preferences.isPending && (
          <div className='grid gap-3' role='status' aria-label={t('common.loading')}>
            <Skeleton className='h-10 w-full' />
            <Skeleton className='h-10 w-full' />
          </div>
        )}
        {preferences.isError && (
          <QueryErrorAlert
            message={t('notifications.loadFailed', { reason: problemMessage(preferences.error, t) })}
            onRetry={() => preferences.refetch()}
          />
        )}
        {preferences.isSuccess && <PreferencesTable preferences={preferences.data} onChange={change} />}
      </CardContent>
    </Card>
  )
}

export function PreferencesTable({ preferences, onChange }: {
  preferences: NotificationPreferences
  onChange: (items: NotificationPreference[]) => void
}) {
  const { t } = useSettingsTranslation()
  const rows = preferenceRows(preferences.items)
  const toggle = (kind: NotificationKind, channel: Channel, on: boolean) =>
    onChange(rows.map((row) => row.kind === kind ? { ...row, [channel]: on } : row))

  return (
    <div className='grid gap-3'>
      <table className='w-full text-sm'>
        <thead>
          <tr className='text-xs text-muted-foreground'>
            <th scope='col' className='pb-2 text-left font-medium'>
              <span className='sr-only'>{t('notifications.title')}</span>
            </th>
            {CHANNELS.map((channel) => (
              <th key={channel} scope='col' className='w-20 pb-2 text-center font-medium sm:w-28'>
                {t(`notifications.${channel}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className='divide-y'>
          {rows.map((row) => (
            <tr key={row.kind}>
              <th scope='row' className='py-3 pr-3 text-left align-middle font-normal'>
                <span className='block font-medium'>{t(`notifications.kind.${row.kind}`)}</span>
                <span className='block text-xs text-muted-foreground'>{t(`notifications.kindHint.${row.kind}`)}</span>
              </th>
              {CHANNELS.map((channel) => (
                <td key={channel} className='py-3 text-center align-middle'>
                  <ToggleSwitch
                    checked={row[channel]}
                    onCheckedChange={(on) => toggle(row.kind, channel, on)}
                    aria-label={t('notifications.toggle', {
                      kind: t(`notifications.kind.${row.kind}`),
                      channel: t(`notifications.${channel}`),
                    })}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {preferences.devices === 0 && (
        <p className='flex gap-2 text-xs text-muted-foreground'>
          <BellRing className='size-4 shrink-0' aria-hidden='true' />
          {t('notifications.noPhone')}
        </p>
      )}
    </div>
  )
}
