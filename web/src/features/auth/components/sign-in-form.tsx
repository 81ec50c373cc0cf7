import type { TFunction } from 'i18next'
import { type FormEvent, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Alert } from '@/components/ui/alert.tsx'
import { Button } from '@/components/ui/button.tsx'
import { FormField } from '@/components/ui/form-field.tsx'
import { Input } from '@/components/ui/input.tsx'
import { PasswordInput } from '@/components/ui/password-input.tsx'

// The sign-in page is the first thing most visitors load: it draws without supabase-js, zod or a form
// library, and fetches the auth client and the input schema right after, in time for the submit.
const loadSignIn = () => Promise.all([import('../api/sign-in.ts'), import('../api/auth-errors.ts')])

type Field = 'email' | 'password'

/** `email`: filled in when the visitor comes from a sign-up with an email that already has an account. */
export function SignInForm({ email, onSuccess }: { email?: string; onSuccess: () => void }) {
  const { t } = useTranslation()
  const [invalid, setInvalid] = useState<ReadonlySet<Field>>(new Set())
  // A function of t, so the message follows a language switch.
  const [failure, setFailure] = useState<(t: TFunction) => string>()
  const [pending, setPending] = useState(false)

  useEffect(() => {
    loadSignIn().catch(() => {}) // Only a head start: the submit loads it again and reports failures.
  }, [])

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = event.currentTarget
    const field = (name: Field) => (form.elements.namedItem(name) as HTMLInputElement).value
    const values = { email: field('email'), password: field('password') }
    setPending(true)
    setFailure(undefined)
    try {
      const [{ signIn, signInInputSchema }, { authErrorMessage }] = await loadSignIn()
      const parsed = signInInputSchema.safeParse(values)
      if (!parsed.success) {
        const fields = new Set(parsed.error.issues.map((issue) => issue.path[0] as Field))
        setInvalid(fields)
        form.querySelector<HTMLInputElement>(`[name="${fields.has('email') ? 'email' : 'password'}"]`)
          ?.focus()
        return
      }
      setInvalid(new Set())
      try {
        await signIn(parsed.data)
        onSuccess()
      } catch (error) {
        setFailure(() => (t: TFunction) => authErrorMessage(error, t))
      }
    } catch {
      setFailure(() => (t: TFunction) => t('errors.network'))
    } finally {
      setPending(false)
    }
  }

  const clearInvalid = (event: FormEvent<HTMLFormElement>) => {
    const name = (event.target as HTMLInputElement).name as Field
    if (invalid.has(name)) setInvalid(new Set([...invalid].filter((field) => field !== name)))
  }

  return (
    <form noValidate className='grid gap-4' onSubmit={onSubmit} onInput={clearInvalid}>
      {failure && <Alert variant='destructive' role='alert'>{failure(t)}</Alert>}
      <FormField label={t('auth.email')} error={invalid.has('email') ? t('validation.email') : undefined}>
        <Input name='email' type='email' autoComplete='email' defaultValue={email} autoFocus={!email} />
      </FormField>
      <FormField
        label={t('auth.password')}
        error={invalid.has('password') ? t('validation.required') : undefined}
      >
        <PasswordInput name='password' autoComplete='current-password' autoFocus={!!email} />
      </FormField>
      <Button type='submit' loading={pending} className='mt-1 w-full'>{t('auth.signIn')}</Button>
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
