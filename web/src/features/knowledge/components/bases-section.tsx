/** The Knowledge bases section: create, rename/describe, attach ready files, detach, delete (naming users). */
import { BookOpen, Pencil, Trash2, X } from 'lucide-react'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { KnowledgeBase } from '@shared/contracts/knowledge-bases.ts'
import type { KnowledgeFile } from '@shared/contracts/files.ts'
import { Alert } from '@/components/ui/alert.tsx'
import { ConfirmDialog } from '@/components/ui/alert-dialog.tsx'
import { Button } from '@/components/ui/button.tsx'
import { Card } from '@/components/ui/card.tsx'
import { EmptyState } from '@/components/ui/empty-state.tsx'
import { Input } from '@/components/ui/input.tsx'
import { Skeleton } from '@/components/ui/skeleton.tsx'
import { useFeedback } from '@/lib/feedback.ts'
import { problemMessage } from '@/lib/problem-message.ts'
import { useFiles } from '../api/files.ts'
import {
  useAttachFile,
  useCreateKnowledgeBase,
  useDeleteKnowledgeBase,
  useDetachFile,
  useKnowledgeBases,
  useUpdateKnowledgeBase,
} from '../api/knowledge-bases.ts'
import { StatusBadge } from './status-badge.tsx'

export function BasesSection({ tenantId, canManage }: { tenantId: string; canManage: boolean }) {
  const { t } = useTranslation()
  const bases = useKnowledgeBases(tenantId)
  const files = useFiles(tenantId)
  return (
    <section aria-labelledby='knowledge-bases' className='space-y-4'>
      <h2 id='knowledge-bases' className='text-lg font-semibold'>{t('knowledge.bases.title')}</h2>
      {canManage && <CreateBase tenantId={tenantId} />}
      {bases.isPending && <Skeleton className='h-32 w-full' />}
      {bases.isError && <Alert variant='destructive' role='alert'>{problemMessage(bases.error, t)}</Alert>}
      {bases.data?.length === 0 && (
        <EmptyState icon={BookOpen} title={t('knowledge.bases.empty')} description={t('knowledge.bases.emptyHint')} />
      )}
      {bases.data?.map((kb) => (
        <BaseCard key={kb.id} tenantId={tenantId} kb={kb} files={files.data ?? []} canManage={canManage} />
      ))}
    </section>
  )
}

function CreateBase({ tenantId }: { tenantId: string }) {
  const { t } = useTranslation()
  const feedback = useFeedback()
  const create = useCreateKnowledgeBase(tenantId)
  const [name, setName] = useState('')
  const [description, setDescription] = useState('')
  async function onSubmit(event: FormEvent) {
    event.preventDefault()
    const done = await feedback(() => create.mutateAsync({ name, description }), {
      failure: t('knowledge.bases.createFailed'),
      success: t('knowledge.bases.created'),
    })
    if (done) {
      setName('')
      setDescription('')
    }
  }
  return (
    <form onSubmit={onSubmit} className='flex flex-wrap items-end gap-2'>
      <Input
        aria-label={t('knowledge.bases.name')}
        placeholder={t('knowledge.bases.name')}
        value={name}
        maxLength={80}
        required
        onChange={(e) => setName(e.target.value)}
        className='max-w-xs'
      />
      <Input
        aria-label={t('knowledge.bases.description')}
        placeholder={t('knowledge.bases.description')}
        value={description}
        maxLength={1000}
        onChange={(e) => setDescription(e.target.value)}
        className='max-w-md'
      />
      <Button type='submit' disabled={create.isPending || !name.trim()}>{t('knowledge.bases.create')}</Button>
    </form>
  )
}

function BaseCard(
  { tenantId, kb, files, canManage }: { tenantId: string; kb: KnowledgeBase; files: KnowledgeFile[]; canManage: boolean },
) {
  const { t } = useTranslation()
  const feedback = useFeedback()
  const update = useUpdateKnowledgeBase(tenantId)
  const remove = useDeleteKnowledgeBase(tenantId)
  const attach = useAttachFile(tenantId)
  const detach = useDetachFile(tenantId)
  const [selected, setSelected] = useState<string[]>([])
  const attachable = files.filter((f) => f.status === 'ready' && !kb.files.some((a) => a.id === f.id))
  const assistants = kb.assistants.map((a) => a.name).join(', ')

  function onEdit() {
    const name = window.prompt(t('knowledge.bases.name'), kb.name)?.trim()
    if (name === undefined) return
    const description = window.prompt(t('knowledge.bases.description'), kb.description)
    if (description === null) return
    void feedback(() => update.mutateAsync({ id: kb.id, body: { name, description } }), {
      failure: t('knowledge.bases.updateFailed'),
    })
  }

  async function onAttach() {
    for (const fileId of selected) {
      await feedback(() => attach.mutateAsync({ id: kb.id, fileId }), { failure: t('knowledge.bases.attachFailed') })
    }
    setSelected([])
  }

  return (
    <Card className='space-y-3 p-4'>
      <div className='flex flex-wrap items-start gap-2'>
        <div className='min-w-0 flex-1'>
          <h3 className='font-medium'>{kb.name}</h3>
          {kb.description && <p className='text-sm text-muted-foreground'>{kb.description}</p>}
          {assistants && <p className='text-xs text-muted-foreground'>{t('knowledge.bases.usedBy', { names: assistants })}</p>}
        </div>
        {canManage && (
          <>
            <Button variant='ghost' size='sm' onClick={onEdit} aria-label={t('knowledge.bases.edit', { name: kb.name })}>
              <Pencil aria-hidden='true' />
            </Button>
            <ConfirmDialog
              trigger={
                <Button variant='ghost' size='sm' aria-label={t('knowledge.bases.delete', { name: kb.name })}>
                  <Trash2 aria-hidden='true' />
                </Button>
              }
              title={t('knowledge.bases.deleteTitle', { name: kb.name })}
              description={assistants
                ? t('knowledge.bases.deleteUsed', { names: assistants })
                : t('knowledge.bases.deleteBody')}
              confirmLabel={t('knowledge.bases.deleteConfirm')}
              onConfirm={() =>
                void feedback(() => remove.mutateAsync(kb.id), {
                  failure: t('knowledge.bases.deleteFailed'),
                  success: t('knowledge.bases.deleted'),
                })}
            />
          </>
        )}
      </div>
      <ul className='space-y-1'>
        {kb.files.length === 0 && <li className='text-sm text-muted-foreground'>{t('knowledge.bases.noFiles')}</li>}
        {kb.files.map((file) => (
          <li key={file.id} className='flex items-center gap-2 text-sm'>
            <span className='min-w-0 flex-1 truncate'>{file.name}</span>
            <StatusBadge status={file.status} />
            {canManage && (
              <Button
                variant='ghost'
                size='sm'
                aria-label={t('knowledge.bases.detach', { name: file.name })}
                onClick={() =>
                  void feedback(() => detach.mutateAsync({ id: kb.id, fileId: file.id }), {
                    failure: t('knowledge.bases.detachFailed'),
                  })}
              >
                <X aria-hidden='true' />
              </Button>
            )}
          </li>
        ))}
      </ul>
      {canManage && attachable.length > 0 && (
        <div className='flex flex-wrap items-end gap-2'>
          <select
            multiple
            aria-label={t('knowledge.bases.attachLabel', { name: kb.name })}
            className='min-w-56 rounded-md border bg-background p-1 text-sm'
            value={selected}
            onChange={(e) => setSelected(Array.from(e.target.selectedOptions, (o) => o.value))}
          >
            {attachable.map((f) => <option key={f.id} value={f.id}>{f.name}</option>)}
          </select>
          <Button variant='outline' size='sm' disabled={selected.length === 0 || attach.isPending} onClick={onAttach}>
            {t('knowledge.bases.attach')}
          </Button>
        </div>
      )}
    </Card>
  )
}
