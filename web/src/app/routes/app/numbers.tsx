import { useTranslation } from 'react-i18next'
import { NumbersPage } from '@/features/numbers/index.ts'
import { VoiceGate } from '@/features/voice/components/voice-gate.tsx'
import { useDocumentTitle } from '@/hooks/use-document-title.ts'

/** /numbers: the tenant's phone numbers, once its Vapi key is saved. */
export function NumbersRoute() {
  const { t } = useTranslation()
  useDocumentTitle(t('nav.numbers'))
  return (
    <VoiceGate>
      <NumbersPage />
    </VoiceGate>
  )
}
