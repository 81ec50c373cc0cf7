/** How the admin page names professions and providers. */
import { useTranslation } from 'react-i18next'
import type { VirtualNumberProvider } from '@shared/contracts/admin.ts'

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
