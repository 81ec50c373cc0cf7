/** A country's name in the interface's language ("FR" → "France"), or the code when the runtime has none. */
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'

export function useCountryName() {
  const { i18n } = useTranslation()
  const names = useMemo(() => new Intl.DisplayNames([i18n.language], { type: 'region' }), [i18n.language])
  return (code: string) => {
    try {
      return names.of(code) ?? code
    } catch {
      return code
    }
  }
}
