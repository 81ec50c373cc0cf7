import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type MarkReadBody, notificationsContract, type NotificationsPage } from '@shared/contracts/notifications.ts'
import { callFunction } from '@/lib/functions.ts'
import { markReadInCache, setUnread } from './cache.ts'
import { notificationKeys } from './keys.ts'

export function markNotificationsRead(tenantId: string, body: MarkReadBody) {
  return callFunction(notificationsContract.routes.markRead, { tenantId, body })
}

/**
 * Marks notifications read: at once in the bell (the badge drops as the click lands), then the server's unread
 * count; a failure puts the page back as it was.
 */
export function useMarkNotificationsRead(tenantId: string) {
  const queryClient = useQueryClient()
  const key = notificationKeys.recent(tenantId)
  return useMutation({
    mutationFn: (body: MarkReadBody) => markNotificationsRead(tenantId, body),
    onMutate: async (body) => {
      await queryClient.cancelQueries({ queryKey: key })
      const before = queryClient.getQueryData<NotificationsPage>(key)
      markReadInCache(queryClient, tenantId, 'all' in body ? 'all' : body.ids)
      return { before }
    },
    onError: (_error, _body, context) => {
      if (context?.before) queryClient.setQueryData(key, context.before)
    },
    onSuccess: ({ unread }) => setUnread(queryClient, tenantId, unread),
  })
}
