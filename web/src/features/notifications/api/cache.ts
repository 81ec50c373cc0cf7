/**
 * What reading and a live notification change in the bell's cache: the page of recent notifications and its
 * unread count move together, so the badge and the list never disagree.
 */
import type { QueryClient } from '@tanstack/react-query'
import { Notification, type NotificationsPage } from '@shared/contracts/notifications.ts'
import { notificationKeys } from './keys.ts'
import { RECENT_LIMIT } from './get-notifications.ts'

/** A broadcast notification: the member's, in one of their tenants (the topic is the user's, not a tenant's). */
export interface IncomingNotification {
  tenantId: string
  notification: Notification
}

const TIMESTAMPS = ['created_at', 'read_at'] as const

/**
 * A `notification` broadcast (`private.broadcast_notification()`) as a Notification and its tenant, or null
 * when it is not one. Postgres writes timestamps with an offset (`…+00:00`) where the API writes `Z`: they are
 * normalized before the contract's check.
 */
export function notificationFromBroadcast(payload: unknown): IncomingNotification | null {
  if (!payload || typeof payload !== 'object') return null
  const fields: Record<string, unknown> = { ...(payload as Record<string, unknown>) }
  for (const key of TIMESTAMPS) {
    const value = fields[key]
    if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) fields[key] = new Date(value).toISOString()
  }
  const tenantId = fields.tenant_id
  const parsed = Notification.safeParse(fields)
  if (typeof tenantId !== 'string' || !parsed.success) return null
  return { tenantId, notification: parsed.data }
}

/**
 * Adds a live notification of this tenant on top of the recent ones and counts it unread. Answers whether it
 * was new (a second delivery of the same one, or one the list already read, changes nothing).
 */
export function addIncoming(queryClient: QueryClient, tenantId: string, notification: Notification): boolean {
  const key = notificationKeys.recent(tenantId)
  const data = queryClient.getQueryData<NotificationsPage>(key)
  if (!data) {
    // Not read yet (or being read): the read will include it.
    void queryClient.invalidateQueries({ queryKey: key })
    return true
  }
  if (data.items.some((item) => item.id === notification.id)) return false
  // A read under way may have started before the notification existed, and would put back a page without it:
  // it is started again (the server holds the notification before it is broadcast).
  if (queryClient.isFetching({ queryKey: key }) > 0) void queryClient.invalidateQueries({ queryKey: key })
  queryClient.setQueryData<NotificationsPage>(key, {
    ...data,
    items: [notification, ...data.items].slice(0, RECENT_LIMIT),
    unread: data.unread + (notification.read_at === null ? 1 : 0),
  })
  return true
}

/** Marks some (ids) or all of the cached notifications read; the server's count follows (setUnread). */
export function markReadInCache(queryClient: QueryClient, tenantId: string, ids: string[] | 'all') {
  const now = new Date().toISOString()
  queryClient.setQueryData<NotificationsPage>(notificationKeys.recent(tenantId), (data) => {
    if (!data) return data
    const marked = data.items.filter((item) => item.read_at === null && (ids === 'all' || ids.includes(item.id)))
    if (marked.length === 0 && ids !== 'all') return data
    return {
      ...data,
      items: data.items.map((item) => marked.includes(item) ? { ...item, read_at: now } : item),
      unread: ids === 'all' ? 0 : Math.max(0, data.unread - marked.length),
    }
  })
}

/** The unread count as the server answered it after marking. */
export function setUnread(queryClient: QueryClient, tenantId: string, unread: number) {
  queryClient.setQueryData<NotificationsPage>(
    notificationKeys.recent(tenantId),
    (data) => data && { ...data, unread },
  )
}
