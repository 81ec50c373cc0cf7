import { useTranslation } from 'react-i18next'
import { NavLink } from 'react-router'
import { useIsPlatformAdmin } from '@/features/admin/index.ts'
import { cn } from '@/lib/utils.ts'
import { visibleNavGroups } from './nav-items.ts'

export function SidebarNav({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation()
  const platformAdmin = useIsPlatformAdmin()
  return (
    <nav aria-label={t('nav.label')} className='grid gap-4'>
      {visibleNavGroups({ platformAdmin }).map((group) => (
        <div key={group.key ?? 'main'} className='grid gap-0.5'>
          {group.key && (
            <p className='px-2.5 pb-1 text-[11px] font-medium tracking-wide text-muted-foreground uppercase'>
              {t(`nav.groups.${group.key}`)}
            </p>
          )}
          {group.items.map(({ to, key, icon: Icon, end }) => (
            <NavLink
              key={to}
              to={to}
              end={end}
              onClick={onNavigate}
              className={({ isActive }) =>
                cn(
                  'flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm font-medium text-muted-foreground outline-none transition-colors hover:bg-muted hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring',
                  isActive && 'bg-accent text-accent-foreground hover:bg-accent hover:text-accent-foreground',
                )}
            >
              <Icon className='size-4 shrink-0' aria-hidden='true' />
              {t(`nav.${key}`)}
            </NavLink>
          ))}
        </div>
      ))}
    </nav>
  )
}
