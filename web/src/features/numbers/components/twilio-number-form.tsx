/** Importing a Twilio number: the number, the account SID and the auth token (sealed, never shown again). */
import { zodResolver } from '@hookform/resolvers/zod'
import { useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { ImportTwilioNumberBody } from '@shared/contracts/phone-numbers.ts'
import { Button } from '@/components/ui/button.tsx'
import { FormField } from '@/components/ui/form-field.tsx'
import { Input } from '@/components/ui/input.tsx'
import { PasswordInput } from '@/components/ui/password-input.tsx'
import type { SourceFormProps } from './source-form.ts'

type Values = z.input<typeof ImportTwilioNumberBody>

export function TwilioNumberForm({ onSubmit }: SourceFormProps) {
  const { t } = useTranslation()
  const form = useForm<Values, unknown, z.output<typeof ImportTwilioNumberBody>>({
    resolver: zodResolver(ImportTwilioNumberBody),
    defaultValues: { source: 'twilio', number: '', twilio_account_sid: '', twilio_auth_token: '', name: undefined },
  })
  const { errors } = form.formState
  const submit = form.handleSubmit((body) => onSubmit(body, form))

  return (
    <form noValidate onSubmit={submit} className='grid gap-4'>
      <FormField
        label={t('numbers.twilio.number')}
        hint={t('numbers.twilio.numberHint')}
        error={errors.number && t('numbers.twilio.numberInvalid')}
      >
        <Input type='tel' autoComplete='off' placeholder='+14155550100' {...form.register('number')} />
      </FormField>
      <FormField
        label={t('numbers.twilio.accountSid')}
        hint={t('numbers.twilio.accountSidHint')}
        error={errors.twilio_account_sid && t('validation.required')}
      >
        <Input
          autoComplete='off'
          spellCheck={false}
          className='font-mono'
          placeholder='AC…'
          {...form.register('twilio_account_sid')}
        />
      </FormField>
      <FormField
        label={t('numbers.twilio.authToken')}
        hint={t('numbers.twilio.authTokenHint')}
        error={errors.twilio_auth_token && t('validation.required')}
      >
        <PasswordInput autoComplete='off' spellCheck={false} className='font-mono' {...form.register('twilio_auth_token')} />
      </FormField>
      <FormField label={t('numbers.nameLabel')} hint={t('numbers.nameHint')} error={errors.name?.message}>
        <Input maxLength={40} {...form.register('name', { setValueAs: (v: string) => v.trim() || undefined })} />
      </FormField>
      <Button type='submit' loading={form.formState.isSubmitting} className='justify-self-end'>
        {t('numbers.twilio.submit')}
      </Button>
    </form>
  )
}
