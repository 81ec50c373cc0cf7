import { Bot, Plus } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { ComingSoonButton } from '@/components/coming-soon-button.tsx'
import { EmptyState } from '@/components/ui/empty-state.tsx'
import { PageHeader } from '@/components/ui/page-header.tsx'
import { VoiceGate } from '@/features/voice/components/voice-gate.tsx'
import { useDocumentTitle } from '@/hooks/use-document-title.ts'

export function AssistantsRoute() {
  const { t } = useTranslation()
  useDocumentTitle(t('nav.assistants'))
  return (
    <>
      <PageHeader title={t('nav.assistants')} description={t('assistants.description')} />
      <VoiceGate>
        <EmptyState
          icon={Bot}
          title={t('assistants.emptyTitle')}
          description={t('assistants.emptyDescription')}
          action={
            <ComingSoonButton>
              <Plus aria-hidden='true' />
              {t('assistants.create')}
            </ComingSoonButton>
          }
        />
      </VoiceGate>
    </>
  )
}
