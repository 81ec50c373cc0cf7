import { LogOut } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { toast } from 'sonner'
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu.tsx'
import { useSignOut } from '@/features/auth/api/sign-out.ts'
import { useAuth } from '@/lib/auth.tsx'

function initials(name: string) {
  return name.split(/[\s@._-]+/).filter(Boolean).slice(0, 2).map((part) => part[0].toUpperCase()).join('')
}

export function UserMenu() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const { session } = useAuth()
  const signOut = useSignOut()
  const email = session?.user.email ?? ''
  const name = (session?.user.user_metadata?.full_name as string | undefined) || email

  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        className='flex size-8 items-center justify-center rounded-full bg-primary text-xs font-semibold text-primary-foreground outline-none focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-2'
        aria-label={t('user.menu', { name })}
      >
        {initials(name) || '?'}
      </DropdownMenuTrigger>
      <DropdownMenuContent align='end' className='w-60'>
        <DropdownMenuLabel className='grid gap-0.5 font-normal'>
          <span className='truncate text-sm font-medium text-foreground'>{name}</span>
          {name !== email && <span className='truncate text-xs'>{email}</span>}
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem
          onSelect={() =>
            signOut.mutate(undefined, {
              onSuccess: () => void navigate('/sign-in', { replace: true }),
              onError: () => toast.error(t('user.signOutFailed')),
            })}
        >
          <LogOut aria-hidden='true' />
          {t('user.signOut')}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  )
}
