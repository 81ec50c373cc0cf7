import { adminContract } from '@shared/contracts/admin.ts'
import { callFunction } from '@/lib/functions.ts'
import { type MutationOptions, useCacheMutation } from '@/lib/mutation.ts'
import { adminKeys } from './keys.ts'

export function deleteTemplate(id: string) {
  return callFunction(adminContract.routes.deleteTemplate, { params: { id } })
}

export function useDeleteTemplate(options: MutationOptions<void, string> = {}) {
  return useCacheMutation(deleteTemplate, options, (queryClient) => queryClient.invalidateQueries({ queryKey: adminKeys.templates() }))
}
