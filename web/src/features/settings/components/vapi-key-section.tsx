import { zodResolver } from '@hookform/resolvers/zod'
import { KeyRound, Trash2 } from 'lucide-react'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { SaveVapiKeyBody, type VapiSettings } from '@shared/contracts/settings.ts'
import { ConfirmDialog } from '@/components/ui/alert-dialog.tsx'
import { Button } from '@/components/ui/button.tsx'
import { FormField } from '@/components/ui/form-field.tsx'
import { PasswordInput } from '@/components/ui/password-input.tsx'
import { formatDateTime } from '@/lib/format.ts'
import { useFeedback } from '@/lib/feedback.ts'
import { keyErrorMessage } from './key-error-message.ts'

interface Props {
  settings: VapiSettings
  canManage: boolean
  onSave: (body: SaveVapiKeyBody) => Promise<unknown>
  onDelete: () => Promise<unknown>
}

export function VapiKeySection({ settings, canManage, onSave, onDelete }: Props) {
  const { t, i18n } = useTranslation()
  const withFeedback = useFeedback()
  const [replacing, setReplacing] = useState(false)
  const [deleting, setDeleting] = useState(false)
  const form = useForm<SaveVapiKeyBody>({
    resolver: zodResolver(SaveVapiKeyBody),
    defaultValues: { vapi_api_key: '' },
  })
  const fieldError = form.formState.errors.vapi_api_key
  const editing = canManage && (!settings.has_vapi_key || replacing)

  const submit = form.handleSubmit(async (body) => {
    const saved = await withFeedback(() => onSave(body), {
      success: t('integrations.vapi.key.saved'),
      failure: t('integrations.vapi.key.saveFailed'),
      form,
    })
    if (saved === undefined) return
    form.reset()
    setReplacing(false)
  })

  const remove = async () => {
    setDeleting(true)
    await withFeedback(onDelete, {
      success: t('integrations.vapi.key.deleted'),
      failure: t('integrations.vapi.key.deleteFailed'),
    })
    setDeleting(false)
  }

  return (
    <div className='grid gap-4'>
      <div className='flex flex-wrap items-start justify-between gap-3'>
        <div className='flex min-w-0 gap-3'>
          <KeyRound className='mt-0.5 size-4 shrink-0 text-muted-foreground' aria-hidden='true' />
          <div className='grid min-w-0 gap-1'>
            <h3 className='font-medium'>{t('integrations.vapi.key.title')}</h3>
            {settings.has_vapi_key
              ? (
                <p className='text-sm text-muted-foreground'>
                  <code
                    className='rounded bg-muted px-1.5 py-0.5 font-mono text-xs text-foreground'
                    data-testid='vapi-key-preview'
                  >
                    {settings.vapi_api_key_preview}
                  </code>
                  {settings.vapi_api_key_updated_at && (
                    <span className='ml-2'>
                      {t('integrations.vapi.key.updatedAt', {
                        date: formatDateTime(settings.vapi_api_key_updated_at, i18n.language),
                      })}
                    </span>
                  )}
                </p>
              )
              : <p className='text-sm text-muted-foreground'>{t('integrations.vapi.key.missing')}</p>}
          </div>
        </div>
        {canManage && settings.has_vapi_key && !replacing && (
          <div className='flex gap-2'>
            <Button variant='outline' size='sm' onClick={() => setReplacing(true)}>
              {t('integrations.vapi.key.replace')}
            </Button>
            <ConfirmDialog
              trigger={
                <Button
                  variant='ghost'
                  size='sm'
                  className='text-destructive hover:text-destructive'
                  loading={deleting}
                >
                  <Trash2 aria-hidden='true' />
                  {t('common.delete')}
                </Button>
              }
              title={t('integrations.vapi.key.deleteTitle')}
              description={t('integrations.vapi.key.deleteDescription')}
              confirmLabel={t('integrations.vapi.key.deleteConfirm')}
              onConfirm={remove}
            />
          </div>
        )}
      </div>

      {editing && (
        <form noValidate onSubmit={submit} className='grid max-w-xl gap-3 sm:pl-7'>
          <FormField
            label={replacing ? t('integrations.vapi.key.newLabel') : t('integrations.vapi.key.label')}
            hint={t('integrations.vapi.key.hint')}
            error={fieldError && keyErrorMessage(fieldError, t)}
          >
            <PasswordInput
              autoComplete='off'
              spellCheck={false}
              placeholder={t('integrations.vapi.key.placeholder')}
              className='font-mono'
              {...form.register('vapi_api_key')}
            />
          </FormField>
          <div className='flex flex-wrap gap-2'>
            <Button type='submit' loading={form.formState.isSubmitting}>
              {t('integrations.vapi.key.save')}
            </Button>
            {replacing && (
              <Button
                type='button'
                variant='ghost'
                onClick={() => {
                  form.reset()
                  setReplacing(false)
                }}
              >
                {t('common.cancel')}
              </Button>
            )}
          </div>
        </form>
      )}
    </div>
  )
}
