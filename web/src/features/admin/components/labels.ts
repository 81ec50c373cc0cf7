/** How the admin page names professions and which templates stay whatever happens. */
import { useTranslation } from 'react-i18next'
import type { PromptTemplate, VirtualNumberProvider } from '@shared/contracts/admin.ts'

/** The 'default' en and fr templates: every tenant without a template of its own falls back on them. */
export function isProtectedTemplate(template: Pick<PromptTemplate, 'profession' | 'language'>): boolean {
  return template.profession === 'default' && (template.language === 'en' || template.language === 'fr')
}

/** A template's profession as the interface names it ('default' → "Default (any profession)"). */
export function useProfessionLabel() {
  const { t } = useTranslation()
  return (profession: string) =>
    profession === 'default'
      ? t('admin.templates.defaultProfession')
      : t(`professions.${profession}`, { defaultValue: profession })
}

/** The providers' own spelling. */
export const PROVIDER_NAMES: Record<VirtualNumberProvider, string> = {
  twilio: 'Twilio',
  vonage: 'Vonage',
  telnyx: 'Telnyx',
}
