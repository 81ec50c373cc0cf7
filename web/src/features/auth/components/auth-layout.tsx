import { type ReactNode, useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { LanguageSwitch } from '@/components/language-switch.tsx'
import { Logo } from '@/components/logo.tsx'
import { loadAuthClient } from '@/lib/auth.tsx'

export function AuthLayout({ title, description, children, footer }: {
  title: string
  description: string
  children: ReactNode
  footer: ReactNode
}) {
  const { t } = useTranslation()
  useEffect(() => {
    void loadAuthClient()
  }, [])
  return (
    <div className='flex min-h-dvh flex-col bg-muted/40'>
      <header className='flex items-center justify-between px-4 py-3 sm:px-6'>
        <Logo />
        <LanguageSwitch />
      </header>
      <main className='flex flex-1 items-start justify-center px-4 pt-6 pb-12 sm:items-center sm:pt-0'>
        <div className='w-full max-w-sm'>
          <div className='rounded-lg border bg-card p-6 shadow-xs sm:p-7'>
            <div className='mb-6 grid gap-1'>
              <h1 className='text-lg font-semibold tracking-tight'>{title}</h1>
              <p className='text-sm text-muted-foreground'>{description}</p>
            </div>
            {children}
          </div>
          <p className='mt-4 text-center text-sm text-muted-foreground'>{footer}</p>
          <p className='mt-8 text-center text-xs text-muted-foreground'>{t('app.tagline')}</p>
        </div>
      </main>
    </div>
  )
}
