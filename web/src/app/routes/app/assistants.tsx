import { useTranslation } from 'react-i18next'
import { PageHeader } from '@/components/ui/page-header.tsx'
import { AssistantsPage } from '@/features/assistants/index.ts'
import { VoiceGate } from '@/features/voice/components/voice-gate.tsx'
import { useDocumentTitle } from '@/hooks/use-document-title.ts'

/** The Assistants page: the list, creating and importing. */
export function AssistantsRoute() {
  const { t } = useTranslation()
  useDocumentTitle(t('nav.assistants'))
  return (
    <>
      <PageHeader title={t('nav.assistants')} description={t('assistants.description')} />
      <VoiceGate>
        <AssistantsPage />
      </VoiceGate>
    </>
  )
}
