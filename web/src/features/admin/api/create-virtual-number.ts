import { adminContract, type CreateVirtualNumberBody, type VirtualNumber } from '@shared/contracts/admin.ts'
import { callFunction } from '@/lib/functions.ts'
import { type MutationOptions, useCacheMutation } from '@/lib/mutation.ts'
import { adminKeys } from './keys.ts'

/** The server parses the number in its country (400 on `number` otherwise) and refuses a duplicate (409). */
export function createVirtualNumber(body: CreateVirtualNumberBody) {
  return callFunction(adminContract.routes.createVirtualNumber, { body })
}

export function useCreateVirtualNumber(options: MutationOptions<VirtualNumber, CreateVirtualNumberBody> = {}) {
  return useCacheMutation(createVirtualNumber, options, (queryClient) => queryClient.invalidateQueries({ queryKey: adminKeys.virtualNumbers() }))
}
