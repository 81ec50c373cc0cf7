/**
 * Prompt templates: one per profession and language, 'default' serving every profession without its own.
 * A table to pick one, the editor (with its live preview) in a dialog, and deletion behind a confirmation;
 * the 'default' en and fr templates cannot be deleted.
 */
import { FileText, Pencil, Plus, Trash2 } from 'lucide-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isProtectedTemplate, type PromptTemplate } from '@shared/contracts/admin.ts'
import { ConfirmDialog } from '@/components/ui/alert-dialog.tsx'
import { Badge } from '@/components/ui/badge.tsx'
import { Button } from '@/components/ui/button.tsx'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card.tsx'
import { EmptyState } from '@/components/ui/empty-state.tsx'
import { Skeleton } from '@/components/ui/skeleton.tsx'
import { QueryErrorAlert } from '@/components/ui/query-error-alert.tsx'
import { LoadMoreButton } from '@/components/ui/load-more-button.tsx'
import { useFeedback } from '@/lib/feedback.ts'
import { formatDateTime } from '@/lib/format.ts'
import { problemMessage } from '@/lib/problem-message.ts'
import { useDeleteTemplate } from '../api/delete-template.ts'
import { useTemplates } from '../api/get-templates.ts'
import { useProfessionLabel } from './labels.ts'
import { TemplateDialog } from './template-dialog.tsx'

export function TemplatesSection() {
  const { t, i18n } = useTranslation()
  const templates = useTemplates()
  const professionLabel = useProfessionLabel()
  const withFeedback = useFeedback()
  const remove = useDeleteTemplate()
  // undefined: closed; null: a new template; else the one being edited.
  const [editing, setEditing] = useState<PromptTemplate | null | undefined>(undefined)
  const items = templates.data?.pages.flatMap((page) => page.items) ?? []

  const confirmDelete = (template: PromptTemplate) =>
    void withFeedback(() => remove.mutateAsync(template.id), {
      success: t('admin.templates.deleted'),
      failure: t('admin.templates.deleteFailed'),
    })

  return (
    <Card aria-labelledby='admin-templates-title'>
      <CardHeader className='flex-row flex-wrap items-start justify-between gap-3'>
        <div className='grid min-w-64 flex-1 gap-1'>
          <CardTitle id='admin-templates-title'>{t('admin.templates.title')}</CardTitle>
          <CardDescription>{t('admin.templates.description')}</CardDescription>
        </div>
        <Button size='sm' onClick={() => setEditing(null)}>
          <Plus aria-hidden='true' />
          {t('admin.templates.new')}
        </Button>
      </CardHeader>
      <CardContent>
        {templates.isPending
          ? <Skeleton className='h-40 w-full' aria-label={t('common.loading')} />
          : templates.isError
          ? (
            <QueryErrorAlert message={problemMessage(templates.error, t)} onRetry={() => templates.refetch()} />
          )
          : items.length === 0
          ? (
            <EmptyState
              icon={FileText}
              title={t('admin.templates.emptyTitle')}
              description={t('admin.templates.emptyDescription')}
            />
          )
          : (
            <div className='overflow-x-auto'>
              <table className='w-full text-sm'>
                <caption className='sr-only'>{t('admin.templates.title')}</caption>
                <thead className='text-left text-xs text-muted-foreground'>
                  <tr className='border-b'>
                    <th scope='col' className='py-2 pr-3 font-medium'>{t('admin.templates.profession')}</th>
                    <th scope='col' className='py-2 pr-3 font-medium'>{t('admin.templates.language')}</th>
                    <th scope='col' className='py-2 pr-3 font-medium'>{t('admin.templates.name')}</th>
                    <th scope='col' className='hidden py-2 pr-3 font-medium md:table-cell'>
                      {t('admin.templates.updatedAt')}
                    </th>
                    <th scope='col' className='py-2 text-right font-medium'>
                      <span className='sr-only'>{t('admin.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((template) => (
                    <tr key={template.id} className='border-b last:border-0'>
                      <td className='py-2 pr-3'>
                        {template.profession === 'default'
                          ? <Badge>{professionLabel(template.profession)}</Badge>
                          : professionLabel(template.profession)}
                      </td>
                      <td className='py-2 pr-3 uppercase'>{template.language}</td>
                      <td className='py-2 pr-3'>{template.name}</td>
                      <td className='hidden py-2 pr-3 text-muted-foreground md:table-cell'>
                        {formatDateTime(template.updated_at, i18n.language)}
                      </td>
                      <td className='py-1.5 text-right whitespace-nowrap'>
                        <Button
                          variant='ghost'
                          size='sm'
                          onClick={() => setEditing(template)}
                          aria-label={t('admin.templates.editNamed', { name: template.name })}
                        >
                          <Pencil aria-hidden='true' />
                          <span className='hidden sm:inline'>{t('admin.templates.edit')}</span>
                        </Button>
                        {!isProtectedTemplate(template.profession, template.language) && (
                          <ConfirmDialog
                            trigger={
                              <Button
                                variant='ghost'
                                size='sm'
                                className='text-destructive hover:text-destructive'
                                aria-label={t('admin.templates.deleteNamed', { name: template.name })}
                              >
                                <Trash2 aria-hidden='true' />
                              </Button>
                            }
                            title={t('admin.templates.deleteTitle', { name: template.name })}
                            description={t('admin.templates.deleteDescription')}
                            confirmLabel={t('common.delete')}
                            onConfirm={() => confirmDelete(template)}
                          />
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <LoadMoreButton query={templates} />
            </div>
          )}
      </CardContent>
      {editing !== undefined && <TemplateDialog template={editing} onClose={() => setEditing(undefined)} />}
    </Card>
  )
}
