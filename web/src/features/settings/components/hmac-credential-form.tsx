/**
 * The HMAC credential: its id and secret saved, Vapi signs webhooks with that credential of the tenant's
 * organisation (`server.credentialId`) and we check each signature with the secret, sealed on the server and
 * never shown again; removed, the webhook secret is used again.
 */
import { zodResolver } from '@hookform/resolvers/zod'
import { KeyRound } from 'lucide-react'
import { useState } from 'react'
import { type FieldError, useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import { SaveHmacCredentialBody, type VapiSettings } from '@shared/contracts/settings.ts'
import { ConfirmDialog } from '@/components/ui/alert-dialog.tsx'
import { Badge } from '@/components/ui/badge.tsx'
import { Button } from '@/components/ui/button.tsx'
import { FormField } from '@/components/ui/form-field.tsx'
import { Input } from '@/components/ui/input.tsx'
import { PasswordInput } from '@/components/ui/password-input.tsx'
import { fieldMessage, useFeedback } from '@/lib/feedback.ts'

interface Props {
  settings: VapiSettings
  canManage: boolean
  /** Resolves with what the change did (anything but undefined) once saved. */
  onSave: (body: SaveHmacCredentialBody) => Promise<unknown>
  onDelete: () => Promise<unknown>
}

/** The secret's rule it broke, in our words; a server message arrives already worded (fieldMessage). */
function secretMessage(error: FieldError | undefined, value: string, t: TFunction) {
  const key = value === ''
    ? 'secretRequired'
    : error?.type === 'too_small'
    ? 'secretTooShort'
    : error?.type === 'too_big'
    ? 'secretTooLong'
    : 'secretInvalid'
  return fieldMessage(error, t(`integrations.vapi.webhook.credential.${key}`))
}

const EMPTY: SaveHmacCredentialBody = { credential_id: '', secret: '' }

export function HmacCredentialForm({ settings, canManage, onSave, onDelete }: Props) {
  const { t } = useTranslation()
  const withFeedback = useFeedback()
  const [replacing, setReplacing] = useState(false)
  const [removing, setRemoving] = useState(false)
  const saved = settings.webhook_credential_id
  const form = useForm<SaveHmacCredentialBody>({ resolver: zodResolver(SaveHmacCredentialBody), defaultValues: EMPTY })
  const { errors } = form.formState
  const editing = canManage && (!saved || replacing)

  const submit = form.handleSubmit(async (body) => {
    const change = await withFeedback(() => onSave(body), {
      failure: t('integrations.vapi.webhook.credential.saveFailed'),
      form,
    })
    if (change === undefined) return
    // The secret leaves the page with the request: it is never kept, nor shown back.
    form.reset(EMPTY)
    setReplacing(false)
  })

  const remove = async () => {
    setRemoving(true)
    await withFeedback(onDelete, { failure: t('integrations.vapi.webhook.credential.deleteFailed') })
    setRemoving(false)
  }

  return (
    <div className='grid gap-3 rounded-md border px-3 py-2.5'>
      <div className='flex flex-wrap items-start gap-2'>
        <KeyRound className='mt-0.5 size-4 shrink-0 text-muted-foreground' aria-hidden='true' />
        <div className='grid min-w-0 flex-1 gap-0.5'>
          <span className='text-sm font-medium'>{t('integrations.vapi.webhook.credential.title')}</span>
          <span className='text-xs text-muted-foreground'>
            {t('integrations.vapi.webhook.credential.description')}
          </span>
        </div>
        {saved && <Badge variant='success'>{t('integrations.status.set')}</Badge>}
      </div>

      {saved && !editing && (
        <div className='flex flex-wrap items-center justify-between gap-2 sm:pl-6'>
          <div className='grid min-w-0 gap-0.5 text-xs text-muted-foreground'>
            <span>
              {t('integrations.vapi.webhook.credential.label')}{' '}
              <code className='rounded bg-muted px-1.5 py-0.5 font-mono break-all text-foreground'>{saved}</code>
            </span>
            <span>{t('integrations.vapi.webhook.credential.secretStored')}</span>
          </div>
          {canManage && (
            <div className='flex flex-wrap gap-2'>
              <Button
                type='button'
                variant='outline'
                size='sm'
                onClick={() => {
                  form.reset({ credential_id: saved, secret: '' })
                  setReplacing(true)
                }}
              >
                {t('integrations.vapi.webhook.credential.replace')}
              </Button>
              <ConfirmDialog
                trigger={
                  <Button type='button' variant='ghost' size='sm' loading={removing}>
                    {t('common.remove')}
                  </Button>
                }
                title={t('integrations.vapi.webhook.credential.removeTitle')}
                description={t('integrations.vapi.webhook.credential.removeDescription')}
                confirmLabel={t('integrations.vapi.webhook.credential.removeConfirm')}
                onConfirm={remove}
                tone='default'
              />
            </div>
          )}
        </div>
      )}

      {editing && (
        <form noValidate onSubmit={submit} className='grid max-w-xl gap-3'>
          <FormField
            label={t('integrations.vapi.webhook.credential.label')}
            hint={t('integrations.vapi.webhook.credential.hint')}
            error={fieldMessage(errors.credential_id, t('integrations.vapi.webhook.credential.invalid'))}
          >
            <Input
              autoComplete='off'
              spellCheck={false}
              className='font-mono'
              placeholder='00000000-0000-0000-0000-000000000000'
              {...form.register('credential_id')}
            />
          </FormField>
          <FormField
            label={t('integrations.vapi.webhook.credential.secretLabel')}
            hint={t('integrations.vapi.webhook.credential.secretHint')}
            error={errors.secret && secretMessage(errors.secret, form.getValues('secret'), t)}
          >
            <PasswordInput autoComplete='off' spellCheck={false} className='font-mono' {...form.register('secret')} />
          </FormField>
          <div className='flex flex-wrap gap-2'>
            <Button type='submit' variant='outline' loading={form.formState.isSubmitting}>
              {t('integrations.vapi.webhook.credential.save')}
            </Button>
            {replacing && (
              <Button
                type='button'
                variant='ghost'
                onClick={() => {
                  form.reset(EMPTY)
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
