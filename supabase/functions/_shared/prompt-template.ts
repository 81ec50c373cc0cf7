/**
 * The platform's default prompt templates (public.prompt_templates) and how a tenant's profile fills their
 * [PLACEHOLDERS]. Used by "Start from my profession" (assistants) and the admin's live preview (admin). A
 * placeholder we cannot fill is reported, never sent to Vapi.
 */
import type { Language } from '../../../shared/languages.ts'
import type { Profession } from '../../../shared/professions.ts'
import type { Tx } from './db.ts'

/** `[USER_NAME]`, `[PROFESSION]`…: capitals, digits and underscores between square brackets. */
export const PLACEHOLDER = /\[([A-Z][A-Z0-9_]{0,39})\]/g

/** Every placeholder a template may use, and what fills it. */
const KNOWN_PLACEHOLDERS = [
  'USER_NAME',
  'BUSINESS_NAME',
  'PROFESSION',
  'LANGUAGE',
  'COUNTRY',
  'TIMEZONE',
  'OWNER_PHONE',
] as const
export type Placeholder = (typeof KNOWN_PLACEHOLDERS)[number]

const PROFESSION_LABELS: Record<Language, Record<Profession, string>> = {
  en: {
    doctor: 'doctor',
    dentist: 'dentist',
    physiotherapist: 'physiotherapist',
    veterinarian: 'veterinarian',
    lawyer: 'lawyer',
    garage: 'garage',
    salon: 'hair and beauty salon',
    driver: 'driver',
    restaurant: 'restaurant',
    real_estate: 'real estate agency',
    other: 'business',
  },
  fr: {
    doctor: 'médecin',
    dentist: 'dentiste',
    physiotherapist: 'kinésithérapeute',
    veterinarian: 'vétérinaire',
    lawyer: 'avocat',
    garage: 'garage',
    salon: 'salon de coiffure et de beauté',
    driver: 'chauffeur',
    restaurant: 'restaurant',
    real_estate: 'agence immobilière',
    other: 'entreprise',
  },
}

const LANGUAGE_NAMES: Record<Language, Record<Language, string>> = {
  en: { en: 'English', fr: 'French' },
  fr: { en: 'anglais', fr: 'français' },
}

/** What a template is filled from: the tenant's profile and the name of the person building the assistant. */
export interface TemplateProfile {
  user_name: string | null
  business_name: string
  profession: string
  language: Language
  country: string
  timezone: string
  owner_phone: string | null
}

/** The value of each placeholder for a profile (null when the profile lacks it). */
function placeholderValues(profile: TemplateProfile): Record<Placeholder, string | null> {
  const lang = profile.language
  return {
    USER_NAME: profile.user_name?.trim() || null,
    BUSINESS_NAME: profile.business_name,
    PROFESSION: PROFESSION_LABELS[lang][profile.profession as Profession] ??
      profile.profession.replace(/_/g, ' '),
    LANGUAGE: LANGUAGE_NAMES[lang][lang],
    COUNTRY: profile.country,
    TIMEZONE: profile.timezone,
    OWNER_PHONE: profile.owner_phone,
  }
}

interface Rendered {
  text: string
  /** Placeholders the template uses that no profile field fills: the text must not be sent as is. */
  unknown: string[]
  /** Known placeholders this profile has no value for (e.g. no owner phone): left in the text. */
  missing: string[]
}

/** The placeholders a template declares (uses), in order of first appearance. */
export function declaredPlaceholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]))]
}

/** The placeholders a text uses that no profile field fills (a template using one cannot be saved). */
export function unknownPlaceholders(text: string): string[] {
  const known: readonly string[] = KNOWN_PLACEHOLDERS
  return declaredPlaceholders(text).filter((name) => !known.includes(name))
}

/** Fills every placeholder it can; reports the unknown and the unfilled ones. */
export function renderTemplate(text: string, profile: TemplateProfile): Rendered {
  const values = placeholderValues(profile) as Record<string, string | null>
  const unknown: string[] = []
  const missing: string[] = []
  for (const name of declaredPlaceholders(text)) {
    if (!(name in values)) unknown.push(name)
    else if (values[name] === null) missing.push(name)
  }
  const rendered = text.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole)
  return { text: rendered, unknown, missing }
}

interface PromptTemplateRow {
  id: string
  profession: string
  language: Language
  name: string
  first_message: string
  body: string
  updated_at: Date
}

/** The template for a profession and language: its own, else the 'default' one; null when neither exists. */
export async function templateFor(
  tx: Tx,
  profession: string,
  language: string,
): Promise<PromptTemplateRow | null> {
  const rows = await tx<PromptTemplateRow[]>`
    select id, profession, language, name, first_message, body, updated_at from public.prompt_templates
    where language = ${language} and profession in (${profession}, 'default')
    order by (profession = 'default'), profession limit 1`
  return rows[0] ?? null
}

/** A tenant's profile as a template sees it (RLS: the caller must be a member). */
export async function tenantProfile(
  tx: Tx,
  tenant: string,
  userName: string | null,
): Promise<TemplateProfile | null> {
  const rows = await tx<Omit<TemplateProfile, 'user_name'>[]>`
    select name as business_name, profession, language, country, timezone, owner_phone
    from public.tenants where id = ${tenant}`
  return rows[0] ? { ...rows[0], user_name: userName } : null
}

/** The display name in a user's token (Supabase puts sign-up metadata under user_metadata). */
export function userName(claims: { user_metadata?: unknown; email?: string }): string | null {
  const meta = claims.user_metadata as { full_name?: unknown; name?: unknown } | undefined
  const name = typeof meta?.full_name === 'string'
    ? meta.full_name
    : typeof meta?.name === 'string'
    ? meta.name
    : null
  return name?.trim() || null
}
