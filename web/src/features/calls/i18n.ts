/**
 * The calls feature's strings: their own namespace, `calls`, in both languages, added when the feature's code
 * first loads, so none of them weighs on the first bundle (web/src/locales/en.json ships in it).
 */
import i18n from 'i18next'
import { useTranslation } from 'react-i18next'
import en from './locales/en.json'
import fr from './locales/fr.json'

export const CALLS_NS = 'calls'

for (const [language, resources] of [['en', en], ['fr', fr]] as const) {
  if (!i18n.hasResourceBundle(language, CALLS_NS)) i18n.addResourceBundle(language, CALLS_NS, resources)
}

const NAMESPACES = [CALLS_NS, 'translation']

/**
 * `t` over the calls namespace (`t('list.title')`), falling back to the app's (`common.cancel`, and the
 * `errors.codes.*` problemMessage reads with it).
 */
export function useCallsTranslation() {
  return useTranslation(NAMESPACES, { nsMode: 'fallback' })
}
