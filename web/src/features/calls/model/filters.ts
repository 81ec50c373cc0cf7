/**
 * The list's filters as the page's query string, so a filtered view can be shared or bookmarked:
 * `?q=&from=&to=&assistant=&number=&reason=&success=`. Values the API would refuse are dropped when read.
 */
import { CallFilters } from '@shared/contracts/calls.ts'

/** Each filter's name in the URL. */
const PARAMS = {
  q: 'q',
  from: 'from',
  to: 'to',
  assistant_id: 'assistant',
  phone_number_id: 'number',
  ended_reason: 'reason',
  success: 'success',
} as const satisfies Record<keyof CallFilters, string>

type FilterKey = keyof typeof PARAMS
const KEYS = Object.keys(PARAMS) as FilterKey[]

/** The filters a query string names; each one checked alone, so one bad value does not drop the others. */
export function filtersFromSearch(search: URLSearchParams): CallFilters {
  const filters: Record<string, unknown> = {}
  for (const key of KEYS) {
    const value = search.get(PARAMS[key])
    if (value === null || value.trim() === '') continue
    const parsed = CallFilters.shape[key].safeParse(value)
    if (parsed.success && parsed.data !== undefined) filters[key] = parsed.data
  }
  return filters
}

/** The query string with `changes` applied (undefined or '' removes a filter); other parameters are kept. */
export function searchWithFilters(search: URLSearchParams, changes: Partial<Record<FilterKey, string | undefined>>) {
  const next = new URLSearchParams(search)
  for (const [key, value] of Object.entries(changes) as [FilterKey, string | undefined][]) {
    if (value === undefined || value.trim() === '') next.delete(PARAMS[key])
    else next.set(PARAMS[key], value)
  }
  return next
}

/** The same query string without any filter. */
export function searchWithoutFilters(search: URLSearchParams) {
  const next = new URLSearchParams(search)
  for (const key of KEYS) next.delete(PARAMS[key])
  return next
}

export function hasFilters(filters: CallFilters): boolean {
  return KEYS.some((key) => filters[key] !== undefined)
}
