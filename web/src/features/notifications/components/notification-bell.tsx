/**
 * The header's bell: the unread count of the member's notifications in the current tenant, and a menu of the
 * newest (title, body, how long ago, an unread dot). Choosing one marks it read and opens its call; new ones
 * arrive live (a toast, the badge) without a reload. Only for members who read calls.
 */
import { formatDistanceToNowStrict, parseISO } from 'date-fns'
import { enGB, fr } from 'date-fns/locale'
import { Bell, CheckCheck, RefreshCw, Settings } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { toast } from 'sonner'
import type { Notification } from '@shared/contracts/notifications.ts'
import { Button } from '@/components/ui/button.tsx'
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu.tsx'
import { Spinner } from '@/components/ui/spinner.tsx'
import { useCan, useCurrentTenant } from '@/features/tenants/index.ts'
import { useAuth } from '@/lib/auth.tsx'
import { showProblem } from '@/lib/feedback.ts'
import { cn } from '@/lib/utils.ts'
import { useRecentNotifications } from '../api/get-notifications.ts'
import { useMarkNotificationsRead } from '../api/mark-read.ts'
import { useNotificationsRealtime } from '../api/realtime.ts'

/** The badge's text: the count, or 99+ past it. */
export function unreadBadge(unread: number) {
  return unread > 99 ? '99+' : String(unread)
}

function timeAgo(iso: string, language: string, justNow: string) {
  const date = parseISO(iso)
  if (Date.now() - date.getTime() < 60_000) return justNow
  return formatDistanceToNowStrict(date, { addSuffix: true, locale: language.startsWith('fr') ? fr : enGB })
}

export function NotificationBell() {
  const canRead = useCan('calls.read')
  return canRead ? <BellMenu /> : null
}

function BellMenu() {
  const { t, i18n } = useTranslation()
  const navigate = useNavigate()
  const { tenant } = useCurrentTenant()
  const { session } = useAuth()
  const recent = useRecentNotifications(tenant.id)
  const markRead = useMarkNotificationsRead(tenant.id)
  const unread = recent.data?.unread ?? 0

  const markFailed = (error: unknown) => showProblem(error, t, { failure: t('notifications.markFailed') })

  const open = (notification: Notification) => {
    if (notification.read_at === null) markRead.mutate({ ids: [notification.id] }, { onError: markFailed })
    if (notification.call_id) void navigate(`/calls/${notification.call_id}`)
  }

  useNotificationsRealtime(session?.user.id, tenant.id, (notification) => {
    toast(notification.title, {
      description: notification.body ?? undefined,
      action: notification.call_id
        ? { label: t('notifications.open'), onClick: () => open(notification) }
        : undefined,
    })
  })

  const items = recent.data?.items ?? []
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button
          variant='ghost'
          size='icon'
          className='relative'
          aria-label={unread > 0
            ? t('notifications.titleUnread', { count: unread })
            : t('notifications.title')}
        >
          <Bell aria-hidden='true' />
          {unread > 0 && (
            <span
              aria-hidden='true'
              data-testid='unread-badge'
              className='absolute top-1 right-0.5 flex h-4 min-w-4 items-center justify-center rounded-full bg-destructive px-1 text-[10px] leading-none font-semibold text-destructive-foreground tabular-nums ring-2 ring-card'
            >
              {unreadBadge(unread)}
            </span>
          )}
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align='end' className='w-[min(22rem,calc(100vw-1.5rem))] p-0'>
        <div className='flex items-center justify-between gap-2 border-b py-1 pr-1 pl-3'>
          <DropdownMenuLabel className='px-0 text-sm font-semibold text-foreground'>
            {t('notifications.title')}
          </DropdownMenuLabel>
          {unread > 0 && (
            <DropdownMenuItem
              className='text-xs font-medium text-primary'
              onSelect={(event) => {
                event.preventDefault()
                markRead.mutate({ all: true }, { onError: markFailed })
              }}
            >
              <CheckCheck aria-hidden='true' />
              {t('notifications.markAllRead')}
            </DropdownMenuItem>
          )}
        </div>
        <div className='max-h-[min(26rem,60dvh)] overflow-y-auto p-1'>
          {recent.isPending && <Spinner className='py-6' />}
          {recent.isError && (
            <div className='grid justify-items-center gap-2 px-3 py-4 text-center text-sm text-muted-foreground'>
              <p>{t('notifications.loadFailed')}</p>
              <DropdownMenuItem
                onSelect={(event) => {
                  event.preventDefault()
                  void recent.refetch()
                }}
              >
                <RefreshCw aria-hidden='true' />
                {t('common.retry')}
              </DropdownMenuItem>
            </div>
          )}
          {recent.isSuccess && items.length === 0 && (
            <p className='px-3 py-6 text-center text-sm text-muted-foreground'>{t('notifications.empty')}</p>
          )}
          {items.map((notification) => {
            const isUnread = notification.read_at === null
            return (
              <DropdownMenuItem
                key={notification.id}
                className='items-start gap-2.5 py-2'
                data-unread={isUnread || undefined}
                onSelect={() => open(notification)}
              >
                <span
                  aria-hidden='true'
                  className={cn('mt-1.5 size-2 shrink-0 rounded-full', isUnread ? 'bg-primary' : 'bg-transparent')}
                />
                <span className='grid min-w-0 flex-1 gap-0.5'>
                  <span className={cn('truncate', isUnread && 'font-medium')}>
                    {isUnread && <span className='sr-only'>{t('notifications.unread')} </span>}
                    {notification.title}
                  </span>
                  {notification.body && (
                    <span className='line-clamp-2 text-xs text-muted-foreground'>{notification.body}</span>
                  )}
                  <time dateTime={notification.created_at} className='text-xs text-muted-foreground'>
                    {timeAgo(notification.created_at, i18n.language, t('notifications.justNow'))}
                  </time>
                </span>
              </DropdownMenuItem>
            )
          })}
        </div>
        <DropdownMenuSeparator className='my-0' />
        <div className='p-1'>
          <DropdownMenuItem onSelect={() => void navigate('/settings/notifications')}>
            <Settings aria-hidden='true' />
            {t('notifications.settings')}
          </DropdownMenuItem>
        </div>
      </DropdownMenuContent>
    </DropdownMenu>
  )
}
