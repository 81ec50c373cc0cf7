/**
 * Old IANA names that CLDR, and so Intl in Chrome and Node, still gives as canonical — in
 * `Intl.supportedValuesOf('timeZone')` and as the browser's own zone. We show and store the current names.
 */
const RENAMED: Record<string, string> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
}

/** Places, not legacy or fixed-offset zones (EST5EDT, Etc/GMT+3, US/Pacific). */
const GEOGRAPHIC = /^(Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific)\//

function isKnown(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/** The current IANA name of a zone, when this engine knows it by that name too. */
export function canonicalTimeZone(zone: string): string {
  const renamed = RENAMED[zone]
  return renamed && isKnown(renamed) ? renamed : zone
}

export interface TimeZoneOption {
  value: string
  label: string
  /** The old name, so "Calcutta" still finds Asia/Kolkata. */
  keywords: string
  offsetMinutes: number
}

/** Minutes east of UTC at `date` (daylight saving time included). */
export function utcOffsetMinutes(zone: string, date: Date): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(date)
    .find((part) => part.type === 'timeZoneName')?.value ?? 'GMT'
  const match = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name)
  if (!match) return 0
  const minutes = Number(match[2]) * 60 + Number(match[3])
  return match[1] === '-' ? -minutes : minutes
}

export function formatUtcOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+'
  const hours = String(Math.floor(Math.abs(minutes) / 60)).padStart(2, '0')
  return `UTC${sign}${hours}:${String(Math.abs(minutes) % 60).padStart(2, '0')}`
}

/** "(UTC+01:00) Europe/Paris" for every place's zone and UTC, west to east, offsets as of `date`. */
export function timeZoneOptions(date = new Date()): TimeZoneOption[] {
  const aliases = new Map<string, string[]>([['UTC', []]])
  for (const zone of Intl.supportedValuesOf('timeZone')) {
    if (!GEOGRAPHIC.test(zone)) continue
    const canonical = canonicalTimeZone(zone)
    const names = aliases.get(canonical) ?? []
    if (canonical !== zone) names.push(zone)
    aliases.set(canonical, names)
  }
  return [...aliases].map(([zone, old]) => {
    const offsetMinutes = utcOffsetMinutes(zone, date)
    return {
      value: zone,
      label: `(${formatUtcOffset(offsetMinutes)}) ${zone.replaceAll('_', ' ')}`,
      keywords: old.join(' ').replaceAll('_', ' '),
      offsetMinutes,
    }
  }).sort((a, b) => a.offsetMinutes - b.offsetMinutes || a.value.localeCompare(b.value))
}

/** The browser's zone under its current name; UTC when it has none we list. */
export function browserTimeZone(): string {
  const zone = canonicalTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC')
  return zone === 'UTC' || GEOGRAPHIC.test(zone) ? zone : 'UTC'
}
