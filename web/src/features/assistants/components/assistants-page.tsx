/** The Assistants page: the list (state, numbers, last call), creating one in a side sheet, importing from Vapi. */
import { Bot, Download, Plus } from 'lucide-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { Alert } from '@/components/ui/alert.tsx'
import { Badge } from '@/components/ui/badge.tsx'
import { Button } from '@/components/ui/button.tsx'
import { EmptyState } from '@/components/ui/empty-state.tsx'
import { Sheet, SheetContent, SheetTitle } from '@/components/ui/sheet.tsx'
import { Skeleton } from '@/components/ui/skeleton.tsx'
import { useKnowledgeBases } from '@/features/knowledge/index.ts'
import { useCan, useCurrentTenant } from '@/features/tenants/index.ts'
import { formatDateTime } from '@/lib/format.ts'
import { problemMessage } from '@/lib/problem-message.ts'
import { useCreateAssistant } from '../api/mutations.ts'
import { useAssistants } from '../api/queries.ts'
import { AssistantForm } from './assistant-form.tsx'
import { ImportDialog } from './import-dialog.tsx'
import { formatPhone } from '@/lib/phone.ts'

export function AssistantsPage() {
  const { t, i18n } = useTranslation()
  const { tenant } = useCurrentTenant()
  const canManage = useCan('assistants.manage')
  const navigate = useNavigate()
  const list = useAssistants(tenant.id)
  const knowledgeBases = useKnowledgeBases(tenant.id)
  const [creating, setCreating] = useState(false)
  const [importing, setImporting] = useState(false)
  const create = useCreateAssistant(tenant.id, {
    onSuccess: (assistant) => navigate(`/assistants/${assistant.id}`),
  })

  const actions = canManage && (
    <div className='flex flex-wrap gap-2'>
      <Button variant='outline' onClick={() => setImporting(true)}>
        <Download aria-hidden='true' />
        {t('assistants.import.open')}
      </Button>
      <Button onClick={() => setCreating(true)}>
        <Plus aria-hidden='true' />
        {t('assistants.create')}
      </Button>
    </div>
  )

  return (
    <div className='grid gap-4'>
      {list.isPending && <Skeleton className='h-40 w-full' />}
      {list.isError && <Alert variant='destructive' role='alert'>{problemMessage(list.error, t)}</Alert>}
      {list.data && list.data.length === 0 && (
        <EmptyState icon={Bot} title={t('assistants.emptyTitle')} description={t('assistants.emptyDescription')} action={actions || undefined} />
      )}
      {list.data && list.data.length > 0 && (
        <>
          <div className='flex justify-end'>{actions}</div>
          <ul className='grid gap-2' aria-label={t('nav.assistants')}>
            {list.data.map((a) => (
              <li key={a.id}>
                <Link
                  to={`/assistants/${a.id}`}
                  className='flex flex-wrap items-center justify-between gap-3 rounded-lg border p-4 hover:bg-muted focus-visible:outline-2'
                >
                  <span className='grid min-w-0 gap-1'>
                    <span className='flex items-center gap-2 font-medium'>
                      {a.name}
                      <Badge variant={a.active ? 'success' : 'muted'}>
                        {a.active ? t('assistants.active') : t('assistants.inactive')}
                      </Badge>
                    </span>
                    <span className='text-sm text-muted-foreground'>
                      {a.phone_numbers.length
                        ? a.phone_numbers.map((n) => formatPhone(n.number)).join(', ')
                        : t('assistants.noNumbers')}
                    </span>
                  </span>
                  <span className='text-sm text-muted-foreground'>
                    {a.last_call_at
                      ? t('assistants.lastCall', { date: formatDateTime(a.last_call_at, i18n.language) })
                      : t('assistants.noCalls')}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
      <Sheet open={creating} onOpenChange={setCreating}>
        <SheetContent className='w-full overflow-y-auto sm:max-w-2xl'>
          <SheetTitle>{t('assistants.create')}</SheetTitle>
          <div className='mt-4'>
            <AssistantForm
              tenantId={tenant.id}
              tenantLanguage={tenant.language}
              knowledgeBases={knowledgeBases.data ?? []}
              submitLabel={t('assistants.form.create')}
              onSubmit={(body) => create.mutateAsync(body)}
            />
          </div>
        </SheetContent>
      </Sheet>
      {canManage && <ImportDialog tenantId={tenant.id} open={importing} onOpenChange={setImporting} />}
    </div>
  )
}
