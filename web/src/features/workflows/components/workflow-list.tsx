/** The tenant's workflows as cards (name, description, steps, numbers), with loading, error and empty states. */
import { GitBranch, Phone, Plus, Workflow as WorkflowIcon } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { Badge } from '@/components/ui/badge.tsx'
import { Button } from '@/components/ui/button.tsx'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card.tsx'
import { EmptyState } from '@/components/ui/empty-state.tsx'
import { Skeleton } from '@/components/ui/skeleton.tsx'
import { QueryErrorAlert } from '@/components/ui/query-error-alert.tsx'
import { problemMessage } from '@/lib/problem-message.ts'
import { useWorkflows } from '../api/get-workflows.ts'

const NEW_WORKFLOW_PATH = '/workflows/new'

export function NewWorkflowButton() {
  const { t } = useTranslation()
  return (
    <Button asChild>
      <Link to={NEW_WORKFLOW_PATH}>
        <Plus aria-hidden='true' />
        {t('workflows.create')}
      </Link>
    </Button>
  )
}

export function WorkflowList({ tenantId, canManage }: { tenantId: string; canManage: boolean }) {
  const { t } = useTranslation()
  const workflows = useWorkflows(tenantId)

  if (workflows.isPending) {
    return (
      <div className='grid gap-4 sm:grid-cols-2 xl:grid-cols-3' aria-busy='true' aria-label={t('common.loading')}>
        {[0, 1, 2].map((i) => <Skeleton key={i} className='h-36' />)}
      </div>
    )
  }
  if (workflows.isError) {
    return (
      <QueryErrorAlert
        message={t('workflows.loadFailed', { reason: problemMessage(workflows.error, t) })}
        onRetry={() => workflows.refetch()}
      />
    )
  }
  if (workflows.data.length === 0) {
    return (
      <EmptyState
        icon={WorkflowIcon}
        title={t('workflows.emptyTitle')}
        description={t('workflows.emptyDescription')}
        action={canManage ? <NewWorkflowButton /> : undefined}
      />
    )
  }
  return (
    <ul className='grid gap-4 sm:grid-cols-2 xl:grid-cols-3'>
      {workflows.data.map((workflow) => (
        <li key={workflow.id}>
          <Card className='relative h-full transition-colors focus-within:ring-2 focus-within:ring-ring hover:border-primary/40'>
            <CardHeader>
              <CardTitle>
                <Link to={`/workflows/${workflow.id}`} className='outline-none after:absolute after:inset-0'>
                  {workflow.name}
                </Link>
              </CardTitle>
              <CardDescription className='line-clamp-2'>
                {workflow.description || t('workflows.noDescription')}
              </CardDescription>
            </CardHeader>
            <CardContent className='flex flex-wrap gap-2'>
              <Badge variant='muted'>
                <GitBranch aria-hidden='true' />
                {t('workflows.stepCount', { count: workflow.step_count })}
              </Badge>
              <Badge variant={workflow.phone_number_ids.length ? 'success' : 'muted'}>
                <Phone aria-hidden='true' />
                {t('workflows.numberCount', { count: workflow.phone_number_ids.length })}
              </Badge>
            </CardContent>
          </Card>
        </li>
      ))}
    </ul>
  )
}
