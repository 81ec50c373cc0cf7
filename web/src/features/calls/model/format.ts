/** How the calls feature writes numbers, durations, money and dates. */
import { parsePhoneNumberFromString } from 'libphonenumber-js/min'

/**
 * A phone number as the tenant reads it: in national form when it is of the tenant's country ("06 12 34 56
 * 78" for a French business), international otherwise ("+1 415 555 0123"); anything unparsable as received.
 */
export function formatCallerNumber(number: string, country: string): string {
  const parsed = parsePhoneNumberFromString(number)
  if (!parsed) return number
  return parsed.country === country ? parsed.formatNational() : parsed.formatInternational()
}

/** 65 → "1:05", 3725 → "1:02:05". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds))
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const rest = String(s % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`
}

/** Vapi bills in USD, often in fractions of a cent: two decimals, three below a dollar. */
export function formatCost(usd: number, language: string): string {
  return new Intl.NumberFormat(language, {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: 2,
    maximumFractionDigits: usd < 1 && usd > 0 ? 3 : 2,
  }).format(usd)
}

/** "22 Nov 2026, 14:05" in the reader's language and time zone. */
export function formatStart(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso))
}

export function formatPercent(ratio: number, language: string): string {
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(ratio)
}

/** Seconds since `iso` (a live call's elapsed time), never negative. */
export function secondsSince(iso: string, now: number): number {
  return Math.max(0, Math.floor((now - Date.parse(iso)) / 1000))
}

/** Vapi's success evaluation: "true"/"false", a score, or free text. */
export type Success = { kind: 'yes' } | { kind: 'no' } | { kind: 'text'; text: string }

export function readSuccess(value: string | null): Success | null {
  if (value === null || value.trim() === '') return null
  const v = value.trim().toLowerCase()
  if (v === 'true' || v === 'pass' || v === 'yes') return { kind: 'yes' }
  if (v === 'false' || v === 'fail' || v === 'no') return { kind: 'no' }
  return { kind: 'text', text: value.trim() }
}

/** Today's date (YYYY-MM-DD) in a time zone. */
export function todayIn(timeZone: string, now = new Date()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
      .format(now)
  } catch {
    return now.toISOString().slice(0, 10)
  }
}

/** A calendar day `days` before (or after, when negative) another, both YYYY-MM-DD. */
export function shiftDay(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() - days)
  return date.toISOString().slice(0, 10)
}
