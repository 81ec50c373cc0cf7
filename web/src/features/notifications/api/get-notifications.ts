import { queryOptions, useQuery } from '@tanstack/react-query'
import { notificationsContract } from '@shared/contracts/notifications.ts'
import { callFunction } from '@/lib/functions.ts'
import { notificationKeys } from './keys.ts'

/** How many of the newest notifications the bell lists. */
export const RECENT_LIMIT = 20

export function getRecentNotifications(tenantId: string) {
  return callFunction(notificationsContract.routes.list, { tenantId, query: { limit: RECENT_LIMIT } })
}

export function recentNotificationsQueryOptions(tenantId: string) {
  return queryOptions({
    queryKey: notificationKeys.recent(tenantId),
    queryFn: () => getRecentNotifications(tenantId),
  })
}

/** The newest notifications and the unread count; kept live by the realtime channel (realtime.ts). */
export function useRecentNotifications(tenantId: string, enabled = true) {
  return useQuery({ ...recentNotificationsQueryOptions(tenantId), enabled })
}
