import { format, parseISO } from 'date-fns'
import { enGB, fr } from 'date-fns/locale'

export function formatDateTime(iso: string, language: string): string {
  return format(parseISO(iso), 'PPp', { locale: language.startsWith('fr') ? fr : enGB })
}
