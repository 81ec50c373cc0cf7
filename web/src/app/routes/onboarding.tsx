import { ArrowLeft } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { LanguageSwitch } from '@/components/language-switch.tsx'
import { Logo } from '@/components/logo.tsx'
import { CreateTenantForm } from '@/features/tenants/components/create-tenant-form.tsx'
import { useTenants } from '@/features/tenants/api/get-tenants.ts'
import { useDocumentTitle } from '@/hooks/use-document-title.ts'
import { UserMenu } from '../layout/user-menu.tsx'

export function OnboardingRoute() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const tenants = useTenants()
  useDocumentTitle(t('tenants.createTitle'))
  const hasTenants = (tenants.data?.length ?? 0) > 0

  return (
    <div className='flex min-h-dvh flex-col bg-muted/40'>
      <header className='flex items-center justify-between px-4 py-3 sm:px-6'>
        <Logo />
        <div className='flex items-center gap-1.5'>
          <LanguageSwitch />
          <UserMenu />
        </div>
      </header>
      <main className='flex flex-1 justify-center px-4 pt-4 pb-12 sm:pt-10'>
        <div className='w-full max-w-lg'>
          {hasTenants && (
            <Link
              to='/'
              className='mb-4 inline-flex items-center gap-1.5 text-sm text-muted-foreground hover:text-foreground'
            >
              <ArrowLeft className='size-4' aria-hidden='true' />
              {t('tenants.backToDashboard')}
            </Link>
          )}
          <div className='rounded-lg border bg-card p-6 shadow-xs sm:p-7'>
            <div className='mb-6 grid gap-1'>
              <h1 className='text-lg font-semibold tracking-tight'>{t('tenants.createTitle')}</h1>
              <p className='text-sm text-muted-foreground'>{t('tenants.createDescription')}</p>
            </div>
            <CreateTenantForm onCreated={() => navigate('/', { replace: true })} />
          </div>
        </div>
      </main>
    </div>
  )
}
