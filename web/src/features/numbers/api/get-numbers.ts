import { queryOptions, useQuery } from '@tanstack/react-query'
import { type PhoneNumber, phoneNumbersContract } from '@shared/contracts/phone-numbers.ts'
import { allPages } from '@/lib/functions.ts'
import { numberKeys } from './keys.ts'

/** Every number of the tenant, newest first: a business holds few, so pages are followed. */
export function getNumbers(tenantId: string): Promise<PhoneNumber[]> {
  return allPages(phoneNumbersContract.routes.list, { tenantId })
}

function numbersQueryOptions(tenantId: string) {
  return queryOptions({ queryKey: numberKeys.list(tenantId), queryFn: () => getNumbers(tenantId) })
}

export function useNumbers(tenantId: string) {
  return useQuery(numbersQueryOptions(tenantId))
}
