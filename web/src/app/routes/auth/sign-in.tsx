import { useTranslation } from 'react-i18next'
import { Link, useLocation, useNavigate } from 'react-router'
import { AuthLayout } from '@/features/auth/components/auth-layout.tsx'
import { SignInForm } from '@/features/auth/components/sign-in-form.tsx'
import { useDocumentTitle } from '@/hooks/use-document-title.ts'

export function SignInRoute() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const location = useLocation()
  useDocumentTitle(t('auth.signIn'))
  const state = location.state as { from?: string; email?: string } | null
  const from = state?.from ?? '/'
  return (
    <AuthLayout
      title={t('auth.signInTitle')}
      description={t('auth.signInDescription')}
      footer={
        <>
          {t('auth.noAccount')}{' '}
          <Link to='/sign-up' className='font-medium text-primary underline-offset-4 hover:underline'>
            {t('auth.signUp')}
          </Link>
        </>
      }
    >
      <SignInForm email={state?.email} onSuccess={() => navigate(from, { replace: true })} />
    </AuthLayout>
  )
}
