import { queryOptions, useQuery } from '@tanstack/react-query'
import { MAX_PAGE_SIZE } from '@shared/contracts/pagination.ts'
import { type PhoneNumber, phoneNumbersContract } from '@shared/contracts/phone-numbers.ts'
import { callFunction } from '@/lib/functions.ts'
import { numberKeys } from './keys.ts'

/** Every number of the tenant, newest first: a business holds few, so pages are followed. */
export async function getNumbers(tenantId: string): Promise<PhoneNumber[]> {
  const numbers: PhoneNumber[] = []
  let cursor: string | undefined
  do {
    const page = await callFunction(phoneNumbersContract.routes.list, {
      tenantId,
      query: { limit: MAX_PAGE_SIZE, cursor },
    })
    numbers.push(...page.items)
    cursor = page.next_cursor ?? undefined
  } while (cursor)
  return numbers
}

export function numbersQueryOptions(tenantId: string) {
  return queryOptions({ queryKey: numberKeys.list(tenantId), queryFn: () => getNumbers(tenantId) })
}

export function useNumbers(tenantId: string) {
  return useQuery(numbersQueryOptions(tenantId))
}
