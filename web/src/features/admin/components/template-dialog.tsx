/**
 * The template editor: profession, language, name, first message and the prompt (monospace), beside a live
 * preview rendered with a chosen tenant's profile as the admin types (debounced).
 */
import { zodResolver } from '@hookform/resolvers/zod'
import { useState } from 'react'
import { useForm, useWatch } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { CreateTemplateBody, isProtectedTemplate, type PromptTemplate, TEMPLATE_PROFESSIONS } from '@shared/contracts/admin.ts'
import { LANGUAGES } from '@shared/languages.ts'
import { Button } from '@/components/ui/button.tsx'
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog.tsx'
import { FormField } from '@/components/ui/form-field.tsx'
import { Input, NativeSelect, Textarea } from '@/components/ui/input.tsx'
import { fieldMessage, useFeedback } from '@/lib/feedback.ts'
import { useSaveTemplate } from '../api/save-template.ts'
import { useDebouncedValue } from '../use-debounced-value.ts'
import { useProfessionLabel } from './labels.ts'
import { TemplatePreviewPanel } from './template-preview-panel.tsx'
import { TenantPicker } from './tenant-picker.tsx'

type FormInput = z.input<typeof CreateTemplateBody>

export function TemplateDialog({ template, onClose }: { template: PromptTemplate | null; onClose: () => void }) {
  const { t } = useTranslation()
  const professionLabel = useProfessionLabel()
  const withFeedback = useFeedback()
  const save = useSaveTemplate()
  const [tenantId, setTenantId] = useState<string | null>(null)
  const form = useForm<FormInput, unknown, z.output<typeof CreateTemplateBody>>({
    resolver: zodResolver(CreateTemplateBody),
    defaultValues: {
      profession: template?.profession ?? 'default',
      language: template?.language ?? 'en',
      name: template?.name ?? '',
      first_message: template?.first_message ?? '',
      body: template?.body ?? '',
    },
  })
  const { errors } = form.formState
  const locked = template !== null && isProtectedTemplate(template.profession, template.language)
  const body = useDebouncedValue(useWatch({ control: form.control, name: 'body' }))
  const firstMessage = useDebouncedValue(useWatch({ control: form.control, name: 'first_message' }) ?? '')

  const submit = form.handleSubmit(async (values) => {
    const saved = await withFeedback(() => save.mutateAsync({ id: template?.id ?? null, body: values }), {
      success: t('admin.templates.saved'),
      failure: t('admin.templates.saveFailed'),
      form,
    })
    if (saved) onClose()
  })

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent className='max-h-[92vh] max-w-6xl overflow-y-auto'>
        <DialogHeader>
          <DialogTitle>
            {template ? t('admin.templates.editTitle', { name: template.name }) : t('admin.templates.newTitle')}
          </DialogTitle>
          <DialogDescription>{t('admin.templates.editorHint')}</DialogDescription>
        </DialogHeader>
        <div className='grid gap-6 lg:grid-cols-2'>
          <form noValidate onSubmit={submit} className='grid content-start gap-4' id='admin-template-form'>
            <div className='grid gap-4 sm:grid-cols-2'>
              <FormField
                label={t('admin.templates.profession')}
                error={fieldMessage(errors.profession, t('validation.required'))}
                hint={locked ? t('admin.templates.lockedHint') : undefined}
              >
                <NativeSelect disabled={locked} {...form.register('profession')}>
                  {TEMPLATE_PROFESSIONS.map((p) => <option key={p} value={p}>{professionLabel(p)}</option>)}
                </NativeSelect>
              </FormField>
              <FormField
                label={t('admin.templates.language')}
                error={fieldMessage(errors.language, t('validation.required'))}
              >
                <NativeSelect disabled={locked} {...form.register('language')}>
                  {LANGUAGES.map((l) => <option key={l} value={l}>{t(`language.${l}`)}</option>)}
                </NativeSelect>
              </FormField>
            </div>
            <FormField label={t('admin.templates.name')} error={fieldMessage(errors.name, t('validation.required'))}>
              <Input autoComplete='off' {...form.register('name')} />
            </FormField>
            <FormField
              label={t('admin.templates.firstMessage')}
              hint={t('admin.templates.firstMessageHint')}
              error={fieldMessage(errors.first_message, t('admin.templates.firstMessageInvalid'))}
            >
              <Textarea rows={2} {...form.register('first_message')} />
            </FormField>
            <FormField
              label={t('admin.templates.body')}
              hint={t('admin.templates.bodyHint')}
              error={fieldMessage(errors.body, t('admin.templates.bodyInvalid'))}
            >
              <Textarea
                rows={18}
                spellCheck={false}
                className='font-mono text-xs'
                {...form.register('body')}
              />
            </FormField>
          </form>
          <div className='grid content-start gap-4'>
            <TenantPicker value={tenantId} onChange={setTenantId} />
            <TemplatePreviewPanel body={body} firstMessage={firstMessage} tenantId={tenantId} />
          </div>
        </div>
        <div className='flex flex-wrap justify-end gap-2'>
          <Button type='button' variant='ghost' onClick={onClose}>{t('common.cancel')}</Button>
          <Button type='submit' form='admin-template-form' loading={form.formState.isSubmitting}>
            {t('common.save')}
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  )
}
