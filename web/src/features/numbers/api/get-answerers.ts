import { useQuery } from '@tanstack/react-query'
import { phoneNumbersContract } from '@shared/contracts/phone-numbers.ts'
import { callFunction } from '@/lib/functions.ts'
import { numberKeys } from './keys.ts'

/** The assistants (with their active state) and workflows a number can be given to. */
export function getAnswerers(tenantId: string) {
  return callFunction(phoneNumbersContract.routes.answerers, { tenantId })
}

export function useAnswerers(tenantId: string) {
  return useQuery({ queryKey: numberKeys.answerers(tenantId), queryFn: () => getAnswerers(tenantId) })
}
