import { type Erasure, callsContract } from '@shared/contracts/calls.ts'
import { callFunction } from '@/lib/functions.ts'
import { type MutationOptions, useCacheMutation } from '@/lib/mutation.ts'
import { callKeys } from './keys.ts'

/** Erases every call, recording and notification of one caller number; every calls cache is dropped after. */
export function useEraseCaller(tenantId: string, options: MutationOptions<Erasure, string> = {}) {
  return useCacheMutation(
    (number: string) => callFunction(callsContract.routes.eraseCaller, { tenantId, body: { number } }),
    options,
    (queryClient) => {
      // The erased calls' details would 404: drop them rather than refetch.
      queryClient.removeQueries({ queryKey: [...callKeys.all(tenantId), 'detail'] })
      return queryClient.invalidateQueries({ queryKey: callKeys.all(tenantId) })
    },
  )
}
