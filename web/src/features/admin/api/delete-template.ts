import { useMutation, useQueryClient } from '@tanstack/react-query'
import { adminContract } from '@shared/contracts/admin.ts'
import { callFunction } from '@/lib/functions.ts'
import { type MutationOptions, withCacheUpdate } from '@/lib/mutation.ts'
import { adminKeys } from './keys.ts'

export function deleteTemplate(id: string) {
  return callFunction(adminContract.routes.deleteTemplate, { params: { id } })
}

export function useDeleteTemplate(options: MutationOptions<void, string> = {}) {
  const queryClient = useQueryClient()
  return useMutation({
    ...options,
    mutationFn: deleteTemplate,
    onSuccess: withCacheUpdate(options, () => queryClient.invalidateQueries({ queryKey: adminKeys.templates() })),
  })
}
