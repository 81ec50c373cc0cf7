import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { AuthLayout } from '@/features/auth/components/auth-layout.tsx'
import { SignUpForm } from '@/features/auth/components/sign-up-form.tsx'
import { useDocumentTitle } from '@/hooks/use-document-title.ts'

export function SignUpRoute() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  useDocumentTitle(t('auth.signUp'))
  return (
    <AuthLayout
      title={t('auth.signUpTitle')}
      description={t('auth.signUpDescription')}
      footer={
        <>
          {t('auth.haveAccount')}{' '}
          <Link to='/sign-in' className='font-medium text-primary underline-offset-4 hover:underline'>
            {t('auth.signIn')}
          </Link>
        </>
      }
    >
      <SignUpForm onSuccess={() => navigate('/', { replace: true })} />
    </AuthLayout>
  )
}
