import { useMutation, useQueryClient } from '@tanstack/react-query'
import {
  type PhoneNumber,
  phoneNumbersContract,
  type UpdatePhoneNumberBody,
} from '@shared/contracts/phone-numbers.ts'
import { callFunction } from '@/lib/functions.ts'
import { type MutationOptions, withCacheUpdate } from '@/lib/mutation.ts'
import { tenantScope } from '@/lib/query-keys.ts'
import { numberKeys } from './keys.ts'

/** The other features whose caches show a number's answerer (the numbers feature imports no hooks). */
export const ANSWERER_FEATURES = ['assistants', 'workflows'] as const

export interface UpdateNumberVariables {
  id: string
  body: UpdatePhoneNumberBody
}

/** Renames a number or gives it to an assistant or a workflow; Vapi is updated before the answer. */
export function updateNumber(tenantId: string, { id, body }: UpdateNumberVariables) {
  return callFunction(phoneNumbersContract.routes.update, { tenantId, params: { id }, body })
}

export function useUpdateNumber(
  tenantId: string,
  options: MutationOptions<PhoneNumber, UpdateNumberVariables> = {},
) {
  const queryClient = useQueryClient()
  return useMutation({
    ...options,
    mutationFn: (variables) => updateNumber(tenantId, variables),
    onSuccess: withCacheUpdate(options, async (updated) => {
      queryClient.setQueryData<PhoneNumber[]>(
        numberKeys.list(tenantId),
        (list) => list?.map((n) => n.id === updated.id ? updated : n),
      )
      // The assistant or workflow it left and the one it joined list their numbers.
      await Promise.all(ANSWERER_FEATURES.map((feature) => queryClient.invalidateQueries({ queryKey: tenantScope(feature, tenantId) })))
    }),
  })
}
