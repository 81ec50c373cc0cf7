/** The Files section: upload, the list with status (refreshed while processing), rename and delete. */
import { FileText, Pencil, Trash2 } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import type { KnowledgeFile } from '@shared/contracts/files.ts'
import { Button } from '@/components/ui/button.tsx'
import { Card } from '@/components/ui/card.tsx'
import { ConfirmDialog } from '@/components/ui/alert-dialog.tsx'
import { EmptyState } from '@/components/ui/empty-state.tsx'
import { Skeleton } from '@/components/ui/skeleton.tsx'
import { Alert } from '@/components/ui/alert.tsx'
import { useFeedback } from '@/lib/feedback.ts'
import { problemMessage } from '@/lib/problem-message.ts'
import { useDeleteFile, useFiles, useRenameFile } from '../api/files.ts'
import { StatusBadge } from './status-badge.tsx'
import { UploadZone } from './upload-zone.tsx'

export function FilesSection({ tenantId, canManage }: { tenantId: string; canManage: boolean }) {
  const { t } = useTranslation()
  const files = useFiles(tenantId)
  return (
    <section aria-labelledby='knowledge-files' className='space-y-4'>
      <h2 id='knowledge-files' className='text-lg font-semibold'>{t('knowledge.files.title')}</h2>
      {canManage && <UploadZone tenantId={tenantId} />}
      {files.isPending && <Skeleton className='h-32 w-full' />}
      {files.isError && <Alert variant='destructive' role='alert'>{problemMessage(files.error, t)}</Alert>}
      {files.data?.length === 0 && (
        <EmptyState icon={FileText} title={t('knowledge.files.empty')} description={t('knowledge.files.emptyHint')} />
      )}
      {files.data && files.data.length > 0 && (
        <Card className='divide-y'>
          {files.data.map((file) => <FileRow key={file.id} tenantId={tenantId} file={file} canManage={canManage} />)}
        </Card>
      )}
    </section>
  )
}

function FileRow({ tenantId, file, canManage }: { tenantId: string; file: KnowledgeFile; canManage: boolean }) {
  const { t } = useTranslation()
  const feedback = useFeedback()
  const rename = useRenameFile(tenantId)
  const remove = useDeleteFile(tenantId)
  const used = file.used_by.map((u) => u.name).join(', ')

  function onRename() {
    const name = window.prompt(t('knowledge.files.renamePrompt'), file.name)?.trim()
    if (!name || name === file.name) return
    void feedback(() => rename.mutateAsync({ id: file.id, name }), { failure: t('knowledge.files.renameFailed') })
  }

  return (
    <div className='flex flex-wrap items-center gap-3 p-3'>
      <FileText aria-hidden='true' className='size-4 text-muted-foreground' />
      <div className='min-w-0 flex-1'>
        <p className='truncate font-medium'>{file.name}</p>
        <p className='text-xs text-muted-foreground'>
          {t('knowledge.files.size', { kb: Math.max(1, Math.round(file.bytes / 1024)) })}
          {used && ` · ${t('knowledge.files.usedBy', { names: used })}`}
        </p>
      </div>
      <StatusBadge status={file.status} />
      {canManage && (
        <>
          <Button variant='ghost' size='sm' onClick={onRename} aria-label={t('knowledge.files.rename', { name: file.name })}>
            <Pencil aria-hidden='true' />
          </Button>
          <ConfirmDialog
            trigger={
              <Button variant='ghost' size='sm' aria-label={t('knowledge.files.delete', { name: file.name })}>
                <Trash2 aria-hidden='true' />
              </Button>
            }
            title={t('knowledge.files.deleteTitle', { name: file.name })}
            description={used ? t('knowledge.files.deleteUsed', { names: used }) : t('knowledge.files.deleteBody')}
            confirmLabel={t('knowledge.files.deleteConfirm')}
            onConfirm={() =>
              void feedback(() => remove.mutateAsync(file.id), {
                failure: t('knowledge.files.deleteFailed'),
                success: t('knowledge.files.deleted'),
              })}
          />
        </>
      )}
    </div>
  )
}
