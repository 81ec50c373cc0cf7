import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import {
  type NotificationPreference,
  type NotificationPreferences,
  notificationsContract,
} from '@shared/contracts/notifications.ts'
import { callFunction } from '@/lib/functions.ts'
import type { MutationOptions } from '@/lib/mutation.ts'
import { settingsKeys } from './keys.ts'

/** Which notifications the signed-in member wants in this tenant, per kind, in the app and on their phones. */
export function getNotificationPreferences(tenantId: string) {
  return callFunction(notificationsContract.routes.getPreferences, { tenantId })
}

function preferencesQueryOptions(tenantId: string) {
  return queryOptions({
    queryKey: settingsKeys.notificationPreferences(tenantId),
    queryFn: () => getNotificationPreferences(tenantId),
  })
}

export function useNotificationPreferences(tenantId: string) {
  return useQuery(preferencesQueryOptions(tenantId))
}

export function saveNotificationPreferences(tenantId: string, items: NotificationPreference[]) {
  return callFunction(notificationsContract.routes.savePreferences, { tenantId, body: { items } })
}

/**
 * Saves every kind's choice at once. A switch moves as it is pressed: the cache takes the new choices before
 * the call, and gets the old ones back if it fails (the caller shows the failure).
 */
export function useSaveNotificationPreferences(
  tenantId: string,
  options: MutationOptions<NotificationPreferences, NotificationPreference[]> = {},
) {
  const queryClient = useQueryClient()
  const key = settingsKeys.notificationPreferences(tenantId)
  return useMutation({
    ...options,
    mutationFn: (items: NotificationPreference[]) => saveNotificationPreferences(tenantId, items),
    onMutate: async (items) => {
      await queryClient.cancelQueries({ queryKey: key })
      const before = queryClient.getQueryData<NotificationPreferences>(key)
      if (before) queryClient.setQueryData<NotificationPreferences>(key, { ...before, items })
      return { before }
    },
    onError: (error, items, context, mutation) => {
      const { before } = context as { before?: NotificationPreferences } | undefined ?? {}
      if (before) queryClient.setQueryData(key, before)
      return options.onError?.(error, items, context, mutation)
    },
    onSuccess: (saved, ...rest) => {
      queryClient.setQueryData(key, saved)
      return options.onSuccess?.(saved, ...rest)
    },
  })
}
