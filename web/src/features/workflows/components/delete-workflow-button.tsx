/** Deletes a workflow after a confirmation saying what happens to its numbers, then returns to the list. */
import { Trash2 } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import type { Workflow } from '@shared/contracts/workflows.ts'
import { ConfirmDialog } from '@/components/ui/alert-dialog.tsx'
import { Button } from '@/components/ui/button.tsx'
import { useFeedback } from '@/lib/feedback.ts'
import { useDeleteWorkflow } from '../api/delete-workflow.ts'

export function DeleteWorkflowButton({ tenantId, workflow }: { tenantId: string; workflow: Workflow }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const withFeedback = useFeedback()
  const remove = useDeleteWorkflow(tenantId, workflow.id, {
    onSuccess: () => navigate('/workflows', { replace: true }),
  })
  const numbers = workflow.phone_number_ids.length

  return (
    <ConfirmDialog
      trigger={
        <Button variant='outline' className='text-destructive hover:text-destructive' loading={remove.isPending}>
          <Trash2 aria-hidden='true' />
          {t('common.delete')}
        </Button>
      }
      title={t('workflows.deleteTitle', { name: workflow.name })}
      description={numbers
        ? t('workflows.deleteDescriptionNumbers', { count: numbers })
        : t('workflows.deleteDescription')}
      confirmLabel={t('workflows.deleteConfirm')}
      onConfirm={() =>
        withFeedback(() => remove.mutateAsync(), {
          success: t('workflows.deleted', { name: workflow.name }),
          failure: t('workflows.deleteFailed'),
        })}
    />
  )
}
