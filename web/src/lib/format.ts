import { format, parseISO } from 'date-fns'
import { dateLocale } from './i18n.ts'

export function formatDateTime(iso: string, language: string): string {
  return format(parseISO(iso), 'PPp', { locale: dateLocale(language) })
}
