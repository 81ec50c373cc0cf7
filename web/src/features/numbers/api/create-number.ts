import { useMutation, useQueryClient } from '@tanstack/react-query'
import {
  type CreatePhoneNumberInput,
  type PhoneNumber,
  phoneNumbersContract,
} from '@shared/contracts/phone-numbers.ts'
import { callFunction } from '@/lib/functions.ts'
import { type MutationOptions, withCacheUpdate } from '@/lib/mutation.ts'
import { numberKeys } from './keys.ts'

/** Vapi refusals (6th free number, non-US area code, bad Twilio SID) answer 422 vapi_rejected. */
export function createNumber(tenantId: string, body: CreatePhoneNumberInput) {
  return callFunction(phoneNumbersContract.routes.create, { tenantId, body })
}

export function useCreateNumber(
  tenantId: string,
  options: MutationOptions<PhoneNumber, CreatePhoneNumberInput> = {},
) {
  const queryClient = useQueryClient()
  return useMutation({
    ...options,
    mutationFn: (body) => createNumber(tenantId, body),
    onSuccess: withCacheUpdate(options, async (created) => {
      queryClient.setQueryData<PhoneNumber[]>(numberKeys.list(tenantId), (list) => list && [created, ...list])
      // The pool and the free-number count changed.
      await queryClient.invalidateQueries({ queryKey: numberKeys.all(tenantId) })
    }),
  })
}
