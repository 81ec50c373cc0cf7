import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { Combobox } from '@/components/ui/combobox.tsx'
import { browserTimeZone, canonicalTimeZone, timeZoneOptions } from './time-zones.ts'

const WINTER = new Date('2026-01-15T12:00:00Z')
const SUMMER = new Date('2026-07-15T12:00:00Z')

describe('time zones', () => {
  afterEach(() => vi.restoreAllMocks())

  it('use current names only, each once, even where Intl still gives the old ones', () => {
    const zones = timeZoneOptions(WINTER).map((option) => option.value)
    expect(new Set(zones).size).toBe(zones.length)
    for (
      const old of ['Asia/Calcutta', 'Europe/Kiev', 'Asia/Saigon', 'America/Buenos_Aires', 'Asia/Katmandu']
    ) {
      expect(zones).not.toContain(old)
    }
    expect(zones).toEqual(expect.arrayContaining(['Asia/Kolkata', 'Europe/Kyiv', 'Europe/Paris', 'UTC']))
    expect(zones.filter((zone) => /^(Etc|US|SystemV)\/|^[A-Z]{3}\d/.test(zone))).toEqual([])
  })

  it('show the UTC offset of the date, daylight saving time included, west to east', () => {
    const label = (date: Date, zone: string) =>
      timeZoneOptions(date).find((option) => option.value === zone)?.label
    expect(label(WINTER, 'Europe/Paris')).toBe('(UTC+01:00) Europe/Paris')
    expect(label(SUMMER, 'Europe/Paris')).toBe('(UTC+02:00) Europe/Paris')
    expect(label(WINTER, 'Asia/Kolkata')).toBe('(UTC+05:30) Asia/Kolkata')
    expect(label(WINTER, 'America/New_York')).toBe('(UTC-05:00) America/New York')
    expect(label(WINTER, 'UTC')).toBe('(UTC+00:00) UTC')
    const offsets = timeZoneOptions(WINTER).map((option) => option.offsetMinutes)
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b))
  })

  it('default to the browser’s zone under its current name', () => {
    expect(canonicalTimeZone('Asia/Calcutta')).toBe('Asia/Kolkata')
    expect(canonicalTimeZone('Europe/Paris')).toBe('Europe/Paris')
    const resolved = (timeZone: string) =>
      vi.spyOn(Intl.DateTimeFormat.prototype, 'resolvedOptions').mockReturnValue({
        ...new Intl.DateTimeFormat().resolvedOptions(),
        timeZone,
      })
    resolved('Europe/Kiev')
    expect(browserTimeZone()).toBe('Europe/Kyiv')
    resolved('Etc/GMT+3')
    expect(browserTimeZone()).toBe('UTC')
  })

  it('are searchable by city, by old name and by offset', async () => {
    const user = userEvent.setup()
    render(
      <Combobox
        aria-label='Time zone'
        options={timeZoneOptions(WINTER)}
        value='Europe/Paris'
        onChange={() => {}}
        label='Time zone'
        emptyText='No match'
      />,
    )
    const field = screen.getByRole('combobox', { name: 'Time zone' })
    expect(field).toHaveValue('(UTC+01:00) Europe/Paris')
    const shown = () => screen.getAllByRole('option').map((option) => option.textContent)

    await user.click(field)
    await user.keyboard('new york')
    expect(shown()).toEqual(['(UTC-05:00) America/New York'])
    await user.clear(field)
    await user.keyboard('calcutta')
    expect(shown()).toEqual(['(UTC+05:30) Asia/Kolkata'])
    await user.clear(field)
    await user.keyboard('+05:30')
    expect(shown()).toEqual(expect.arrayContaining(['(UTC+05:30) Asia/Kolkata', '(UTC+05:30) Asia/Colombo']))
    expect(shown().every((label) => label?.startsWith('(UTC+05:30)'))).toBe(true)
  })
})
