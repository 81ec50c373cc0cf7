import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import { AssistantDetailPage } from '@/features/assistants/index.ts'
import { VoiceGate } from '@/features/voice/components/voice-gate.tsx'
import { useDocumentTitle } from '@/hooks/use-document-title.ts'

/** One assistant (`/assistants/:assistantId`). */
export function AssistantRoute() {
  const { t } = useTranslation()
  const { assistantId = '' } = useParams()
  useDocumentTitle(t('nav.assistants'))
  return (
    <VoiceGate>
      <AssistantDetailPage assistantId={assistantId} />
    </VoiceGate>
  )
}
