import { PhoneCall } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { ComingSoonButton } from '@/components/coming-soon-button.tsx'
import { EmptyState } from '@/components/ui/empty-state.tsx'
import { PageHeader } from '@/components/ui/page-header.tsx'
import { VoiceGate } from '@/features/voice/components/voice-gate.tsx'
import { useDocumentTitle } from '@/hooks/use-document-title.ts'

export function CallsRoute() {
  const { t } = useTranslation()
  useDocumentTitle(t('nav.calls'))
  return (
    <>
      <PageHeader title={t('nav.calls')} description={t('calls.description')} />
      <VoiceGate>
        <EmptyState
          icon={PhoneCall}
          title={t('calls.emptyTitle')}
          description={t('calls.emptyDescription')}
          action={<ComingSoonButton>{t('calls.testCall')}</ComingSoonButton>}
        />
      </VoiceGate>
    </>
  )
}
