/**
 * The languages Switchboard speaks: the interface's, and a tenant's (its assistants and messages). No zod
 * here, so the SPA's first bundle can know them without loading the contracts.
 */
export const LANGUAGES = ['en', 'fr'] as const
export type Language = (typeof LANGUAGES)[number]

export function isLanguage(value: unknown): value is Language {
  return (LANGUAGES as readonly unknown[]).includes(value)
}
