import { queryOptions, useQuery } from '@tanstack/react-query'
import { settingsContract } from '@shared/contracts/settings.ts'
import { callFunction } from '@/lib/functions.ts'
import { type MutationOptions, useCacheMutation } from '@/lib/mutation.ts'
import { settingsKeys } from './keys.ts'

/** The signed-in user's phones registered for push notifications (by the mobile app): no tenant. */
export function getPushDevices() {
  return callFunction(settingsContract.routes.listPushTokens, {})
}

function pushDevicesQueryOptions() {
  return queryOptions({ queryKey: settingsKeys.pushDevices(), queryFn: getPushDevices })
}

export function usePushDevices() {
  return useQuery(pushDevicesQueryOptions())
}

export function deletePushDevice(id: string) {
  return callFunction(settingsContract.routes.deletePushToken, { params: { id } })
}

/** Stops push notifications to one phone; the list and every tenant's device count are read again. */
export function useDeletePushDevice(options: MutationOptions<void, string> = {}) {
  return useCacheMutation(deletePushDevice, options, (queryClient) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: settingsKeys.pushDevices() }),
      queryClient.invalidateQueries({
        predicate: ({ queryKey }) => queryKey[0] === 'settings' && queryKey[2] === 'notification-preferences',
      }),
    ]))
}
