/**
 * One assistant: its state and numbers, activate/deactivate, delete (confirmed), the drift banner (pull or
 * push), the edit form, and the test-call panel.
 */
import { Power, Trash2 } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import type { AssistantDetail } from '@shared/contracts/assistants.ts'
import { ConfirmDialog } from '@/components/ui/alert-dialog.tsx'
import { Alert } from '@/components/ui/alert.tsx'
import { Badge } from '@/components/ui/badge.tsx'
import { Button } from '@/components/ui/button.tsx'
import { PageHeader } from '@/components/ui/page-header.tsx'
import { Skeleton } from '@/components/ui/skeleton.tsx'
import { useKnowledgeBases } from '@/features/knowledge/index.ts'
import { useCan, useCurrentTenant } from '@/features/tenants/index.ts'
import { TestCallPanel } from '@/features/test-call/index.ts'
import { useFeedback } from '@/lib/feedback.ts'
import { problemMessage } from '@/lib/problem-message.ts'
import { useDeleteAssistant, useSetActive, useSyncAssistant, useUpdateAssistant } from '../api/mutations.ts'
import { useAssistant } from '../api/queries.ts'
import { AssistantForm } from './assistant-form.tsx'
import { formatPhone } from '@/lib/phone.ts'

export function AssistantDetailPage({ assistantId }: { assistantId: string }) {
  const { t } = useTranslation()
  const { tenant } = useCurrentTenant()
  const query = useAssistant(tenant.id, assistantId)
  if (query.isPending) return <Skeleton className='h-64 w-full' />
  if (query.isError) return <Alert variant='destructive' role='alert'>{problemMessage(query.error, t)}</Alert>
  return <Loaded assistant={query.data} />
}

function Loaded({ assistant }: { assistant: AssistantDetail }) {
  const { t } = useTranslation()
  const { tenant } = useCurrentTenant()
  const canManage = useCan('assistants.manage')
  const navigate = useNavigate()
  const withFeedback = useFeedback()
  const knowledgeBases = useKnowledgeBases(tenant.id)
  const update = useUpdateAssistant(tenant.id, assistant.id)
  const setActive = useSetActive(tenant.id)
  const remove = useDeleteAssistant(tenant.id, { onSuccess: () => navigate('/assistants') })
  const sync = useSyncAssistant(tenant.id, assistant.id)

  const toggle = () =>
    withFeedback(() => setActive.mutateAsync({ id: assistant.id, active: !assistant.active }), {
      success: assistant.active ? t('assistants.deactivated') : t('assistants.activated'),
      failure: t('assistants.activationFailed'),
    })
  const resolve = (direction: 'pull' | 'push') =>
    withFeedback(() => sync.mutateAsync({ direction }), {
      success: t(`assistants.sync.${direction}Done`),
      failure: t('assistants.sync.failed'),
    })

  return (
    <div className='grid gap-6'>
      <PageHeader
        title={assistant.name}
        description={assistant.phone_numbers.length
          ? assistant.phone_numbers.map((n) => formatPhone(n.number)).join(', ')
          : t('assistants.noNumbers')}
      />
      <div className='flex flex-wrap items-center gap-2'>
        <Badge variant={assistant.active ? 'success' : 'muted'}>
          {assistant.active ? t('assistants.active') : t('assistants.inactive')}
        </Badge>
        {canManage && (
          <>
            <Button variant='outline' size='sm' onClick={toggle} disabled={setActive.isPending}>
              <Power aria-hidden='true' />
              {assistant.active ? t('assistants.deactivate') : t('assistants.activate')}
            </Button>
            <ConfirmDialog
              trigger={
                <Button variant='ghost' size='sm'>
                  <Trash2 aria-hidden='true' />
                  {t('common.delete')}
                </Button>
              }
              title={t('assistants.deleteTitle', { name: assistant.name })}
              description={t('assistants.deleteDescription')}
              confirmLabel={t('common.delete')}
              tone='destructive'
              onConfirm={() =>
                withFeedback(() => remove.mutateAsync(assistant.id), {
                  success: t('assistants.deleted'),
                  failure: t('assistants.deleteFailed'),
                })}
            />
          </>
        )}
      </div>

      {assistant.sync.state !== 'in_sync' && (
        <Alert variant='destructive' role='alert' className='grid gap-2'>
          <p>{t(`assistants.sync.${assistant.sync.state}`)}</p>
          {canManage && (
            <div className='flex flex-wrap gap-2'>
              {assistant.sync.state === 'drifted' && (
                <Button size='sm' variant='outline' onClick={() => resolve('pull')} disabled={sync.isPending}>
                  {t('assistants.sync.pull')}
                </Button>
              )}
              <Button size='sm' onClick={() => resolve('push')} disabled={sync.isPending}>
                {t('assistants.sync.push')}
              </Button>
            </div>
          )}
        </Alert>
      )}
      {assistant.sync.state === 'in_sync' && !assistant.webhook_configured && (
        <Alert role='status'>{t('assistants.sync.notConfigured')}</Alert>
      )}

      <div className='grid gap-6 lg:grid-cols-[2fr_1fr]'>
        <AssistantForm
          key={assistant.updated_at}
          tenantId={tenant.id}
          tenantLanguage={tenant.language}
          assistant={assistant}
          knowledgeBases={knowledgeBases.data ?? []}
          disabled={!canManage}
          submitLabel={t('assistants.form.save')}
          onSubmit={(body) => update.mutateAsync(body).then(() => undefined)}
        />
        <TestCallPanel assistantId={assistant.id} assistantName={assistant.name} />
      </div>
    </div>
  )
}
