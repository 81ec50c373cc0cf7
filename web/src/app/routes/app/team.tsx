import { UserPlus } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { ComingSoonButton } from '@/components/coming-soon-button.tsx'
import { Badge } from '@/components/ui/badge.tsx'
import { Card } from '@/components/ui/card.tsx'
import { PageHeader } from '@/components/ui/page-header.tsx'
import { useCurrentTenant } from '@/features/tenants/components/tenant-context.tsx'
import { useDocumentTitle } from '@/hooks/use-document-title.ts'
import { useAuth } from '@/lib/auth.tsx'

export function TeamRoute() {
  const { t } = useTranslation()
  const { tenant } = useCurrentTenant()
  const { session } = useAuth()
  useDocumentTitle(t('nav.team'))
  const email = session?.user.email ?? ''
  const name = (session?.user.user_metadata?.full_name as string | undefined) || email

  return (
    <>
      <PageHeader
        title={t('nav.team')}
        description={t('team.description', { name: tenant.name })}
        actions={
          <ComingSoonButton>
            <UserPlus aria-hidden='true' />
            {t('team.invite')}
          </ComingSoonButton>
        }
      />
      <Card>
        <table className='w-full text-sm'>
          <caption className='sr-only'>{t('team.caption')}</caption>
          <thead className='border-b text-left text-xs text-muted-foreground'>
            <tr>
              <th scope='col' className='px-5 py-2.5 font-medium'>{t('team.member')}</th>
              <th scope='col' className='px-5 py-2.5 font-medium'>{t('team.role')}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td className='px-5 py-3'>
                <div className='grid'>
                  <span className='font-medium'>
                    {name} <span className='font-normal text-muted-foreground'>({t('team.you')})</span>
                  </span>
                  {name !== email && <span className='text-xs text-muted-foreground'>{email}</span>}
                </div>
              </td>
              <td className='px-5 py-3'>
                <Badge variant='muted'>{t(`roles.${tenant.role.name}`, tenant.role.name)}</Badge>
              </td>
            </tr>
          </tbody>
        </table>
      </Card>
      <p className='mt-4 text-sm text-muted-foreground'>{t('team.inviteSoon')}</p>
    </>
  )
}
