import { useTranslation } from 'react-i18next'
import { PageHeader } from '@/components/ui/page-header.tsx'
import { useCan, useCurrentTenant } from '@/features/tenants/index.ts'
import { VoiceGate } from '@/features/voice/components/voice-gate.tsx'
import { NewWorkflowButton, WorkflowList } from '@/features/workflows/index.ts'
import { useDocumentTitle } from '@/hooks/use-document-title.ts'

/** `/workflows`: the tenant's workflows, and a new one from the starter for those who manage assistants. */
export function WorkflowsRoute() {
  const { t } = useTranslation()
  const { tenant } = useCurrentTenant()
  const canManage = useCan('assistants.manage')
  useDocumentTitle(t('nav.workflows'))
  return (
    <>
      <PageHeader
        title={t('nav.workflows')}
        description={t('workflows.description')}
        actions={canManage && <NewWorkflowButton />}
      />
      <VoiceGate>
        <WorkflowList key={tenant.id} tenantId={tenant.id} canManage={canManage} />
      </VoiceGate>
    </>
  )
}
