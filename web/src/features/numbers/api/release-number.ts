import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type PhoneNumber, phoneNumbersContract } from '@shared/contracts/phone-numbers.ts'
import { callFunction } from '@/lib/functions.ts'
import { type MutationOptions, withCacheUpdate } from '@/lib/mutation.ts'
import { tenantScope } from '@/lib/query-keys.ts'
import { numberKeys } from './keys.ts'
import { ANSWERER_FEATURES } from './update-number.ts'

/** Deletes the number in Vapi and here; a pool number goes back to the pool. */
export function releaseNumber(tenantId: string, id: string) {
  return callFunction(phoneNumbersContract.routes.delete, { tenantId, params: { id } })
}

export function useReleaseNumber(tenantId: string, options: MutationOptions<void, string> = {}) {
  const queryClient = useQueryClient()
  return useMutation({
    ...options,
    mutationFn: (id) => releaseNumber(tenantId, id),
    onSuccess: withCacheUpdate(options, async (_, id) => {
      queryClient.setQueryData<PhoneNumber[]>(numberKeys.list(tenantId), (list) => list?.filter((n) => n.id !== id))
      await queryClient.invalidateQueries({ queryKey: numberKeys.all(tenantId) })
      await Promise.all(ANSWERER_FEATURES.map((feature) => queryClient.invalidateQueries({ queryKey: tenantScope(feature, tenantId) })))
    }),
  })
}
