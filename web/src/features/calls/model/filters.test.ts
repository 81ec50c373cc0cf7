import { describe, expect, it } from 'vitest'
import { filtersFromSearch, hasFilters, searchWithFilters, searchWithoutFilters } from './filters.ts'

const uuid = '00000000-0000-4000-8000-0000000000a1'

describe('call filters in the query string', () => {
  it('reads each filter under its short name, dropping values the API would refuse', () => {
    const search = new URLSearchParams(
      `q=%20rendez-vous%20&from=2026-11-01&to=not-a-day&assistant=${uuid}&number=nope&reason=customer-busy&success=false&page=2`,
    )
    expect(filtersFromSearch(search)).toEqual({
      q: 'rendez-vous',
      from: '2026-11-01',
      assistant_id: uuid,
      ended_reason: 'customer-busy',
      success: 'false',
    })
  })

  it('sets and removes filters, keeping the other parameters', () => {
    const search = new URLSearchParams('tab=x&q=old&reason=voicemail')
    const next = searchWithFilters(search, { q: 'new', ended_reason: undefined, success: '' , from: '2026-01-31' })
    expect(next.toString()).toBe('tab=x&q=new&from=2026-01-31')
    expect(searchWithoutFilters(next).toString()).toBe('tab=x')
  })

  it('knows whether any filter is set', () => {
    expect(hasFilters({})).toBe(false)
    expect(hasFilters({ success: 'unknown' })).toBe(true)
  })
})
