import type { Locale } from 'date-fns'
import { enGB, fr } from 'date-fns/locale'
import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import { type Language, LANGUAGES } from '@shared/contracts/tenants.ts'
import en from '@/locales/en.json'
import frMessages from '@/locales/fr.json'

const STORAGE_KEY = 'switchboard.language'

function initialLanguage(): Language {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY)
  if (stored && (LANGUAGES as readonly string[]).includes(stored)) return stored as Language
  return globalThis.navigator?.language?.toLowerCase().startsWith('fr') ? 'fr' : 'en'
}

i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, fr: { translation: frMessages } },
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

export function dateLocale(lng: string): Locale {
  return lng.startsWith('fr') ? fr : enGB
}

export default i18n
