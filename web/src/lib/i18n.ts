import i18n, { type BackendModule, type ResourceKey } from 'i18next'
import { initReactI18next } from 'react-i18next'
import { type Language, LANGUAGES } from '@shared/languages.ts'
import en from '@/locales/en.json'

const STORAGE_KEY = 'switchboard.language'

/** English ships in the first bundle (it is also the fallback); other languages load when chosen. */
const lazyLocales: Record<Exclude<Language, 'en'>, () => Promise<{ default: ResourceKey }>> = {
  fr: () => import('@/locales/fr.json'),
}

const lazyBackend: BackendModule = {
  type: 'backend',
  init() {},
  read(language, _namespace, callback) {
    const load = lazyLocales[language as keyof typeof lazyLocales]
    if (!load) return callback(null, {})
    load().then((module) => callback(null, module.default), (error: Error) => callback(error, null))
  },
}

function initialLanguage(): Language {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY)
  if (stored && (LANGUAGES as readonly string[]).includes(stored)) return stored as Language
  return globalThis.navigator?.language?.toLowerCase().startsWith('fr') ? 'fr' : 'en'
}

/** Resolves once the first language's messages are loaded: render after it, so no English flashes by. */
export const i18nReady = i18n.use(lazyBackend).use(initReactI18next).init({
  resources: { en: { translation: en } },
  partialBundledLanguages: true,
  lng: initialLanguage(),
  fallbackLng: 'en',
  supportedLngs: LANGUAGES,
  interpolation: { escapeValue: false },
  returnNull: false,
  showSupportNotice: false,
})

function applyLanguage(lng: string) {
  if (globalThis.document) document.documentElement.lang = lng
}
applyLanguage(i18n.language)
i18n.on('languageChanged', applyLanguage)

export function setLanguage(lng: Language) {
  localStorage.setItem(STORAGE_KEY, lng)
  return i18n.changeLanguage(lng)
}

export function currentLanguage(): Language {
  return i18n.resolvedLanguage === 'fr' ? 'fr' : 'en'
}

export default i18n
