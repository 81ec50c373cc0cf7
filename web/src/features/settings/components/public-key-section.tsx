import { zodResolver } from '@hookform/resolvers/zod'
import { Globe } from 'lucide-react'
import { useEffect, useState } from 'react'
import { useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { SaveVapiPublicKeyBody, type VapiSettings } from '@shared/contracts/settings.ts'
import { Badge } from '@/components/ui/badge.tsx'
import { Button } from '@/components/ui/button.tsx'
import { FormField } from '@/components/ui/form-field.tsx'
import { Input } from '@/components/ui/input.tsx'
import { useFeedback } from '@/lib/feedback.ts'
import { keyErrorMessage } from './key-error-message.ts'

interface Props {
  settings: VapiSettings
  canManage: boolean
  onSave: (body: SaveVapiPublicKeyBody) => Promise<unknown>
  onDelete: () => Promise<unknown>
}

export function PublicKeySection({ settings, canManage, onSave, onDelete }: Props) {
  const { t } = useTranslation()
  const withFeedback = useFeedback()
  const [removing, setRemoving] = useState(false)
  const form = useForm<SaveVapiPublicKeyBody>({
    resolver: zodResolver(SaveVapiPublicKeyBody),
    defaultValues: { vapi_public_key: settings.vapi_public_key ?? '' },
  })
  const { reset } = form
  useEffect(() => reset({ vapi_public_key: settings.vapi_public_key ?? '' }), [
    reset,
    settings.vapi_public_key,
  ])
  const fieldError = form.formState.errors.vapi_public_key

  const submit = form.handleSubmit((body) =>
    withFeedback(() => onSave(body), {
      success: t('integrations.vapi.publicKey.saved'),
      failure: t('integrations.vapi.publicKey.saveFailed'),
      form,
    })
  )

  const remove = async () => {
    setRemoving(true)
    await withFeedback(onDelete, {
      success: t('integrations.vapi.publicKey.deleted'),
      failure: t('integrations.vapi.publicKey.deleteFailed'),
    })
    setRemoving(false)
  }

  return (
    <div className='grid gap-4'>
      <div className='flex flex-wrap items-start justify-between gap-3'>
        <div className='flex gap-3'>
          <Globe className='mt-0.5 size-4 shrink-0 text-muted-foreground' aria-hidden='true' />
          <div className='grid gap-1'>
            <h3 className='font-medium'>{t('integrations.vapi.publicKey.title')}</h3>
            <p className='text-sm text-muted-foreground'>{t('integrations.vapi.publicKey.description')}</p>
          </div>
        </div>
        {settings.vapi_public_key
          ? <Badge variant='success'>{t('integrations.status.set')}</Badge>
          : <Badge variant='muted'>{t('integrations.status.notSet')}</Badge>}
      </div>
      {canManage
        ? (
          <form noValidate onSubmit={submit} className='grid max-w-xl gap-3 sm:pl-7'>
            <FormField
              label={t('integrations.vapi.publicKey.label')}
              error={fieldError && keyErrorMessage(fieldError, t)}
            >
              <Input
                autoComplete='off'
                spellCheck={false}
                className='font-mono'
                placeholder={t('integrations.vapi.publicKey.placeholder')}
                {...form.register('vapi_public_key')}
              />
            </FormField>
            <div className='flex flex-wrap gap-2'>
              <Button type='submit' variant='outline' loading={form.formState.isSubmitting}>
                {t('common.save')}
              </Button>
              {settings.vapi_public_key && (
                <Button type='button' variant='ghost' onClick={remove} loading={removing}>
                  {t('common.remove')}
                </Button>
              )}
            </div>
          </form>
        )
        : settings.vapi_public_key && (
          <code className='justify-self-start rounded bg-muted px-1.5 py-0.5 font-mono text-xs sm:ml-7'>
            {settings.vapi_public_key}
          </code>
        )}
    </div>
  )
}
