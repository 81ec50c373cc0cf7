import { Building2, ChevronsUpDown, Plus } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu.tsx'
import { cn } from '@/lib/utils.ts'
import { useCurrentTenant } from './tenant-context.tsx'

export function TenantSwitcher({ className }: { className?: string }) {
  const { t } = useTranslation()
  const { tenant, tenants, switchTenant } = useCurrentTenant()
  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        className={cn(
          'flex w-full items-center gap-2.5 rounded-md border bg-card px-2.5 py-2 text-left shadow-xs outline-none hover:bg-muted focus-visible:ring-2 focus-visible:ring-ring',
          className,
        )}
        aria-label={t('tenants.switcherLabel', { name: tenant.name })}
      >
        <span className='flex size-7 shrink-0 items-center justify-center rounded-md bg-accent text-accent-foreground'>
          <Building2 className='size-4' aria-hidden='true' />
        </span>
        <span className='grid min-w-0 flex-1 leading-tight'>
          <span className='truncate font-medium'>{tenant.name}</span>
          <span className='truncate text-xs text-muted-foreground'>
            {t(`roles.${tenant.role.name}`, tenant.role.name)}
          </span>
        </span>
        <ChevronsUpDown className='size-4 shrink-0 text-muted-foreground' aria-hidden='true' />
      </DropdownMenuTrigger>
      <DropdownMenuContent align='start' className='w-64'>
        <DropdownMenuLabel>{t('tenants.yourBusinesses')}</DropdownMenuLabel>
        <DropdownMenuRadioGroup value={tenant.id} onValueChange={switchTenant}>
          {tenants.map((item) => (
            <DropdownMenuRadioItem key={item.id} value={item.id}>
              <span className='truncate'>{item.name}</span>
            </DropdownMenuRadioItem>
          ))}
        </DropdownMenuRadioGroup>
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link to='/onboarding'>
            <Plus aria-hidden='true' />
            {t('tenants.create')}
          </Link>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  )
}
