import { useMutation, useQueryClient } from '@tanstack/react-query'
import { adminContract, type CreateVirtualNumberBody, type VirtualNumber } from '@shared/contracts/admin.ts'
import { callFunction } from '@/lib/functions.ts'
import { type MutationOptions, withCacheUpdate } from '@/lib/mutation.ts'
import { adminKeys } from './keys.ts'

/** The server parses the number in its country (400 on `number` otherwise) and refuses a duplicate (409). */
export function createVirtualNumber(body: CreateVirtualNumberBody) {
  return callFunction(adminContract.routes.createVirtualNumber, { body })
}

export function useCreateVirtualNumber(options: MutationOptions<VirtualNumber, CreateVirtualNumberBody> = {}) {
  const queryClient = useQueryClient()
  return useMutation({
    ...options,
    mutationFn: createVirtualNumber,
    onSuccess: withCacheUpdate(options, () => queryClient.invalidateQueries({ queryKey: adminKeys.virtualNumbers() })),
  })
}
