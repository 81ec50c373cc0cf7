import { adminContract } from '@shared/contracts/admin.ts'
import { callFunction } from '@/lib/functions.ts'
import { type MutationOptions, useCacheMutation } from '@/lib/mutation.ts'
import { adminKeys } from './keys.ts'

/** Only an available number leaves the pool; a held one answers 409 naming its tenant. */
export function deleteVirtualNumber(id: string) {
  return callFunction(adminContract.routes.deleteVirtualNumber, { params: { id } })
}

export function useDeleteVirtualNumber(options: MutationOptions<void, string> = {}) {
  return useCacheMutation(deleteVirtualNumber, options, (queryClient) => queryClient.invalidateQueries({ queryKey: adminKeys.virtualNumbers() }))
}
