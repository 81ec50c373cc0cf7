import { zodResolver } from '@hookform/resolvers/zod'
import { useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { Alert } from '@/components/ui/alert.tsx'
import { Button } from '@/components/ui/button.tsx'
import { FormField } from '@/components/ui/form-field.tsx'
import { Input } from '@/components/ui/input.tsx'
import { PasswordInput } from '@/components/ui/password-input.tsx'
import { authErrorMessage } from '../api/auth-errors.ts'
import { type SignInInput, signInInputSchema, useSignIn } from '../api/sign-in.ts'

export function SignInForm({ onSuccess }: { onSuccess: () => void }) {
  const { t } = useTranslation()
  const signIn = useSignIn()
  const form = useForm<SignInInput>({
    resolver: zodResolver(signInInputSchema),
    defaultValues: { email: '', password: '' },
  })
  const { errors } = form.formState

  return (
    <form
      noValidate
      className='grid gap-4'
      onSubmit={form.handleSubmit((values) => signIn.mutate(values, { onSuccess }))}
    >
      {signIn.error && <Alert variant='destructive' role='alert'>{authErrorMessage(signIn.error, t)}</Alert>}
      <FormField label={t('auth.email')} error={errors.email && t('validation.email')}>
        <Input type='email' autoComplete='email' autoFocus {...form.register('email')} />
      </FormField>
      <FormField label={t('auth.password')} error={errors.password && t('validation.required')}>
        <PasswordInput autoComplete='current-password' {...form.register('password')} />
      </FormField>
      <Button type='submit' loading={signIn.isPending} className='mt-1 w-full'>{t('auth.signIn')}</Button>
      {import.meta.env.DEV && (
        <p className='rounded-md border border-dashed bg-muted/50 px-3 py-2 text-xs text-muted-foreground'>
          {t('auth.demoHint')} <code className='font-mono text-foreground'>demo@switchboard.local</code> /
          {' '}
          <code className='font-mono text-foreground'>switchboard-demo</code>
        </p>
      )}
    </form>
  )
}
