/**
 * The page of one workflow (`/workflows/:workflowId`, or `/workflows/new` for the starter): its header with
 * delete, the editor, and the numbers it answers. Loading, missing and failed states included.
 */
import { ArrowLeft } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { Alert } from '@/components/ui/alert.tsx'
import { Button } from '@/components/ui/button.tsx'
import { PageHeader } from '@/components/ui/page-header.tsx'
import { Skeleton } from '@/components/ui/skeleton.tsx'
import { useCan, useCurrentTenant } from '@/features/tenants/index.ts'
import { useDocumentTitle } from '@/hooks/use-document-title.ts'
import { isProblemError } from '@/lib/functions.ts'
import { problemMessage } from '@/lib/problem-message.ts'
import { useWorkflow } from '../api/get-workflow.ts'
import { DeleteWorkflowButton } from './delete-workflow-button.tsx'
import { WorkflowEditor } from './workflow-editor.tsx'
import { WorkflowNumbers } from './workflow-numbers.tsx'

function BackLink() {
  const { t } = useTranslation()
  return (
    <Button asChild variant='ghost' size='sm' className='-ml-3 mb-2'>
      <Link to='/workflows'>
        <ArrowLeft aria-hidden='true' />
        {t('workflows.back')}
      </Link>
    </Button>
  )
}

export function NewWorkflowPage() {
  const { t } = useTranslation()
  const { tenant } = useCurrentTenant()
  const canManage = useCan('assistants.manage')
  useDocumentTitle(t('workflows.newTitle'))
  return (
    <>
      <BackLink />
      <PageHeader title={t('workflows.newTitle')} description={t('workflows.newDescription')} />
      {canManage
        ? <WorkflowEditor key={tenant.id} tenantId={tenant.id} canManage ownerPhone={tenant.owner_phone} />
        : <Alert role='alert'>{t('workflows.readOnly')}</Alert>}
    </>
  )
}

export function WorkflowPage({ workflowId }: { workflowId: string }) {
  const { t } = useTranslation()
  const { tenant } = useCurrentTenant()
  const canManage = useCan('assistants.manage')
  const canAssign = useCan('numbers.manage')
  const workflow = useWorkflow(tenant.id, workflowId)
  useDocumentTitle(workflow.data?.name ?? t('nav.workflows'))

  if (workflow.isPending) {
    return (
      <div className='grid gap-4' aria-busy='true' aria-label={t('common.loading')}>
        <Skeleton className='h-8 w-64' />
        <Skeleton className='h-40' />
        <Skeleton className='h-64' />
      </div>
    )
  }
  if (workflow.isError) {
    const missing = isProblemError(workflow.error) && workflow.error.status === 404
    return (
      <>
        <BackLink />
        <Alert variant='destructive' role='alert'>
          {missing
            ? t('workflows.notFound')
            : t('workflows.loadOneFailed', { reason: problemMessage(workflow.error, t) })}
        </Alert>
      </>
    )
  }
  return (
    <>
      <BackLink />
      <PageHeader
        title={workflow.data.name}
        description={canManage ? t('workflows.editDescription') : t('workflows.readOnly')}
        actions={canManage && <DeleteWorkflowButton tenantId={tenant.id} workflow={workflow.data} />}
      />
      <div className='grid gap-6'>
        <WorkflowNumbers tenantId={tenant.id} workflow={workflow.data} canAssign={canAssign} />
        <WorkflowEditor
          key={workflow.data.id}
          tenantId={tenant.id}
          workflow={workflow.data}
          canManage={canManage}
        />
      </div>
    </>
  )
}

