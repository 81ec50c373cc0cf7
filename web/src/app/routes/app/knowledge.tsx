import { useTranslation } from 'react-i18next'
import { PageHeader } from '@/components/ui/page-header.tsx'
import { KnowledgePage } from '@/features/knowledge/index.ts'
import { VoiceGate } from '@/features/voice/components/voice-gate.tsx'
import { useDocumentTitle } from '@/hooks/use-document-title.ts'

/** `/knowledge`: the tenant's files and knowledge bases, once its Vapi key is saved. */
export function KnowledgeRoute() {
  const { t } = useTranslation()
  useDocumentTitle(t('nav.knowledge'))
  return (
    <>
      <PageHeader title={t('nav.knowledge')} description={t('knowledge.description')} />
      <VoiceGate>
        <KnowledgePage />
      </VoiceGate>
    </>
  )
}
