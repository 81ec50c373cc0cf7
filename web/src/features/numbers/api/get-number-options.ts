import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { phoneNumbersContract } from '@shared/contracts/phone-numbers.ts'
import { callFunction } from '@/lib/functions.ts'
import { numberKeys } from './keys.ts'

/**
 * What the tenant can get: the pool's numbers for its country (and why that country) and its free Vapi
 * numbers, with whether `areaCode` is one Vapi accepts. A POST on the server, but it changes nothing.
 */
export function getNumberOptions(tenantId: string, areaCode?: string) {
  return callFunction(phoneNumbersContract.routes.search, { tenantId, body: { area_code: areaCode } })
}

export function useNumberOptions(tenantId: string, areaCode?: string, enabled = true) {
  return useQuery({
    queryKey: numberKeys.options(tenantId, areaCode),
    queryFn: () => getNumberOptions(tenantId, areaCode),
    placeholderData: keepPreviousData,
    enabled,
  })
}
