/**
 * The HMAC credential id: saved, Vapi signs webhooks with that credential of the tenant's organisation
 * (`server.credentialId`) instead of sending the secret; removed, the secret is used again.
 */
import { zodResolver } from '@hookform/resolvers/zod'
import { KeyRound } from 'lucide-react'
import { useEffect, useState } from 'react'
import { useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { SaveWebhookCredentialBody, type VapiSettings } from '@shared/contracts/settings.ts'
import { ConfirmDialog } from '@/components/ui/alert-dialog.tsx'
import { Button } from '@/components/ui/button.tsx'
import { FormField } from '@/components/ui/form-field.tsx'
import { Input } from '@/components/ui/input.tsx'
import { useFeedback } from '@/lib/feedback.ts'

interface Props {
  settings: VapiSettings
  canManage: boolean
  onSave: (body: SaveWebhookCredentialBody) => Promise<unknown>
  onDelete: () => Promise<unknown>
}

export function WebhookCredentialForm({ settings, canManage, onSave, onDelete }: Props) {
  const { t } = useTranslation()
  const withFeedback = useFeedback()
  const [removing, setRemoving] = useState(false)
  const saved = settings.webhook_credential_id
  const form = useForm<SaveWebhookCredentialBody>({
    resolver: zodResolver(SaveWebhookCredentialBody),
    defaultValues: { credential_id: saved ?? '' },
  })
  const { reset } = form
  useEffect(() => reset({ credential_id: saved ?? '' }), [reset, saved])
  const fieldError = form.formState.errors.credential_id

  const submit = form.handleSubmit((body) =>
    withFeedback(() => onSave(body), {
      failure: t('integrations.vapi.webhook.credential.saveFailed'),
      form,
    })
  )

  const remove = async () => {
    setRemoving(true)
    await withFeedback(onDelete, { failure: t('integrations.vapi.webhook.credential.deleteFailed') })
    setRemoving(false)
  }

  return (
    <div className='grid gap-3 rounded-md border px-3 py-2.5'>
      <div className='flex gap-2'>
        <KeyRound className='mt-0.5 size-4 shrink-0 text-muted-foreground' aria-hidden='true' />
        <div className='grid gap-0.5'>
          <span className='text-sm font-medium'>{t('integrations.vapi.webhook.credential.title')}</span>
          <span className='text-xs text-muted-foreground'>
            {t('integrations.vapi.webhook.credential.description')}
          </span>
        </div>
      </div>
      {canManage
        ? (
          <form noValidate onSubmit={submit} className='grid max-w-xl gap-3'>
            <FormField
              label={t('integrations.vapi.webhook.credential.label')}
              hint={t('integrations.vapi.webhook.credential.hint')}
              error={fieldError && t('integrations.vapi.webhook.credential.invalid')}
            >
              <Input
                autoComplete='off'
                spellCheck={false}
                className='font-mono'
                placeholder='00000000-0000-0000-0000-000000000000'
                {...form.register('credential_id')}
              />
            </FormField>
            <div className='flex flex-wrap gap-2'>
              <Button type='submit' variant='outline' loading={form.formState.isSubmitting}>
                {t('integrations.vapi.webhook.credential.save')}
              </Button>
              {saved && (
                <ConfirmDialog
                  trigger={
                    <Button type='button' variant='ghost' loading={removing}>
                      {t('common.remove')}
                    </Button>
                  }
                  title={t('integrations.vapi.webhook.credential.removeTitle')}
                  description={t('integrations.vapi.webhook.credential.removeDescription')}
                  confirmLabel={t('integrations.vapi.webhook.credential.removeConfirm')}
                  onConfirm={remove}
                  tone='default'
                />
              )}
            </div>
          </form>
        )
        : saved && <code className='justify-self-start rounded bg-muted px-1.5 py-0.5 font-mono text-xs'>{saved}</code>}
    </div>
  )
}
