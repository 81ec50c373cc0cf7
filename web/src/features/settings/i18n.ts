/**
 * The strings of the settings pages added since the first bundle was budgeted (Notifications, and General's
 * calls and recordings): their own namespace, `settings`, in both languages, added when the page's code first
 * loads, so none of them weighs on the first bundle (web/src/locales/en.json ships in it).
 */
import i18n from 'i18next'
import { useTranslation } from 'react-i18next'
import en from './locales/en.json'
import fr from './locales/fr.json'

export const SETTINGS_NS = 'settings'

for (const [language, resources] of [['en', en], ['fr', fr]] as const) {
  if (!i18n.hasResourceBundle(language, SETTINGS_NS)) i18n.addResourceBundle(language, SETTINGS_NS, resources)
}

const NAMESPACES = [SETTINGS_NS, 'translation'] as const

/**
 * `t` over the settings namespace (`t('retention.title')`), falling back to the app's strings: what shared
 * code words with the `t` it is given (problemMessage's `errors.*`, `common.*`) still reads.
 */
export function useSettingsTranslation() {
  return useTranslation(NAMESPACES, { nsMode: 'fallback' })
}
