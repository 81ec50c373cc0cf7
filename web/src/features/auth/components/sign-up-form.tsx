import { zodResolver } from '@hookform/resolvers/zod'
import { isAuthError } from '@supabase/supabase-js'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { Alert } from '@/components/ui/alert.tsx'
import { Button } from '@/components/ui/button.tsx'
import { FormField } from '@/components/ui/form-field.tsx'
import { Input } from '@/components/ui/input.tsx'
import { PasswordInput } from '@/components/ui/password-input.tsx'
import { authErrorMessage } from '../api/auth-errors.ts'
import { type SignUpInput, signUpInputSchema, useSignUp } from '../api/sign-up.ts'

const ACCOUNT_EXISTS = new Set(['user_already_exists', 'email_exists'])

export function SignUpForm({ onSuccess }: { onSuccess: () => void }) {
  const { t } = useTranslation()
  const signUp = useSignUp()
  const [confirmEmail, setConfirmEmail] = useState(false)
  const form = useForm<SignUpInput>({
    resolver: zodResolver(signUpInputSchema),
    defaultValues: { fullName: '', email: '', password: '' },
  })
  const { errors } = form.formState

  if (confirmEmail) return <Alert>{t('auth.confirmEmail')}</Alert>

  return (
    <form
      noValidate
      className='grid gap-4'
      onSubmit={form.handleSubmit((values) =>
        signUp.mutate(values, { onSuccess: (session) => (session ? onSuccess() : setConfirmEmail(true)) })
      )}
    >
      {signUp.error && (
        <Alert variant='destructive' role='alert'>
          <p>
            {authErrorMessage(signUp.error, t)}
            {isAuthError(signUp.error) && ACCOUNT_EXISTS.has(signUp.error.code ?? '') && (
              <>
                {' '}
                <Link
                  to='/sign-in'
                  state={{ email: form.getValues('email') }}
                  className='font-medium underline underline-offset-4'
                >
                  {t('auth.signInInstead')}
                </Link>
              </>
            )}
          </p>
        </Alert>
      )}
      <FormField label={t('auth.fullName')} error={errors.fullName && t('validation.required')}>
        <Input autoComplete='name' autoFocus {...form.register('fullName')} />
      </FormField>
      <FormField label={t('auth.email')} error={errors.email && t('validation.email')}>
        <Input type='email' autoComplete='email' {...form.register('email')} />
      </FormField>
      <FormField
        label={t('auth.password')}
        hint={t('auth.passwordHint')}
        error={errors.password && t('validation.passwordLength')}
      >
        <PasswordInput autoComplete='new-password' {...form.register('password')} />
      </FormField>
      <Button type='submit' loading={signUp.isPending} className='mt-1 w-full'>
        {t('auth.createAccount')}
      </Button>
    </form>
  )
}
