import { useTranslation } from 'react-i18next'
import { NavLink, Outlet } from 'react-router'
import { PageHeader } from '@/components/ui/page-header.tsx'
import { cn } from '@/lib/utils.ts'

const TABS = [
  { to: '/settings/integrations', key: 'integrations' },
  { to: '/settings/general', key: 'general' },
  { to: '/settings/notifications', key: 'notifications' },
] as const

export function SettingsLayout() {
  const { t } = useTranslation()
  return (
    <>
      <PageHeader title={t('nav.settings')} description={t('settings.description')} />
      <nav aria-label={t('settings.tabsLabel')} className='mb-6 flex gap-1 overflow-x-auto border-b'>
        {TABS.map((tab) => (
          <NavLink
            key={tab.to}
            to={tab.to}
            className={({ isActive }) =>
              cn(
                '-mb-px border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap outline-none transition-colors focus-visible:rounded-sm focus-visible:ring-2 focus-visible:ring-ring',
                isActive
                  ? 'border-primary text-foreground'
                  : 'border-transparent text-muted-foreground hover:text-foreground',
              )}
          >
            {t(`settings.tabs.${tab.key}`)}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </>
  )
}
