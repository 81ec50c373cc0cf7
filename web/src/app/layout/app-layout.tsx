import { Menu, X } from 'lucide-react'
import { Suspense, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Outlet } from 'react-router'
import { LanguageSwitch } from '@/components/language-switch.tsx'
import { Logo } from '@/components/logo.tsx'
import { Button } from '@/components/ui/button.tsx'
import { Spinner } from '@/components/ui/spinner.tsx'
import { Sheet, SheetClose, SheetContent, SheetDescription, SheetTitle } from '@/components/ui/sheet.tsx'
import { NotificationBell } from '@/features/notifications/index.ts'
import { TenantSwitcher } from '@/features/tenants/components/tenant-switcher.tsx'
import { SidebarNav } from './sidebar-nav.tsx'
import { UserMenu } from './user-menu.tsx'

export function AppLayout() {
  const { t } = useTranslation()
  const [menuOpen, setMenuOpen] = useState(false)

  return (
    <div className='min-h-dvh bg-background lg:grid lg:grid-cols-[15rem_1fr]'>
      <a
        href='#main'
        className='sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-card focus:px-3 focus:py-2 focus:shadow'
      >
        {t('nav.skipToContent')}
      </a>
      {/* The column carries the background, so it runs the page's full height; the sidebar inside it sticks. */}
      <div className='hidden border-r bg-card lg:block'>
        <aside className='sticky top-0 flex max-h-dvh flex-col gap-5 overflow-y-auto px-3 py-4'>
          <Logo className='px-2' />
          <TenantSwitcher />
          <SidebarNav />
        </aside>
      </div>

      <Sheet open={menuOpen} onOpenChange={setMenuOpen}>
        <SheetContent className='gap-5 px-3 py-4'>
          <div className='flex items-center justify-between'>
            <SheetTitle className='px-2'>
              <Logo />
            </SheetTitle>
            <SheetClose asChild>
              <Button variant='ghost' size='icon-sm' aria-label={t('nav.close')}>
                <X aria-hidden='true' />
              </Button>
            </SheetClose>
          </div>
          <SheetDescription className='sr-only'>{t('nav.label')}</SheetDescription>
          <TenantSwitcher />
          <SidebarNav onNavigate={() => setMenuOpen(false)} />
        </SheetContent>
      </Sheet>

      <div className='flex min-w-0 flex-col'>
        <header className='sticky top-0 z-30 flex h-14 items-center gap-2 border-b bg-card/95 px-3 backdrop-blur sm:px-6'>
          <Button
            variant='ghost'
            size='icon'
            className='lg:hidden'
            aria-label={t('nav.open')}
            onClick={() => setMenuOpen(true)}
          >
            <Menu aria-hidden='true' />
          </Button>
          <Logo className='lg:hidden' />
          <div className='ml-auto flex items-center gap-1.5'>
            <LanguageSwitch />
            <NotificationBell />
            <UserMenu />
          </div>
        </header>
        <main
          id='main'
          tabIndex={-1}
          className='mx-auto w-full max-w-5xl flex-1 px-4 py-6 outline-none sm:px-6 lg:py-8'
        >
          <Suspense fallback={<Spinner className='min-h-[40dvh]' />}>
            <Outlet />
          </Suspense>
        </main>
      </div>
    </div>
  )
}
