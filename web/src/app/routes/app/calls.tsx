import { useTranslation } from 'react-i18next'
import { CallsPage } from '@/features/calls/index.ts'
import { VoiceGate } from '@/features/voice/components/voice-gate.tsx'
import { useDocumentTitle } from '@/hooks/use-document-title.ts'

/** /calls: live calls, then every past call, filtered from the query string. */
export function CallsRoute() {
  const { t } = useTranslation()
  useDocumentTitle(t('nav.calls'))
  return (
    <VoiceGate>
      <CallsPage />
    </VoiceGate>
  )
}
