/**
 * The Admin page (platform admins only): the default prompt templates and the virtual-number pool. Anyone
 * else who lands here sees a clear "not allowed" state; the server refuses them anyway.
 */
import { ShieldOff } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { EmptyState } from '@/components/ui/empty-state.tsx'
import { PageHeader } from '@/components/ui/page-header.tsx'
import { Skeleton } from '@/components/ui/skeleton.tsx'
import { QueryErrorAlert } from '@/components/ui/query-error-alert.tsx'
import { problemMessage } from '@/lib/problem-message.ts'
import { useAdminMe } from '../api/get-admin-me.ts'
import { TemplatesSection } from './templates-section.tsx'
import { VirtualNumbersSection } from './virtual-numbers-section.tsx'

export function AdminPage() {
  const { t } = useTranslation()
  const me = useAdminMe()

  if (me.isPending) {
    return (
      <div className='grid gap-6' aria-busy='true' aria-label={t('common.loading')}>
        <Skeleton className='h-8 w-56' />
        <Skeleton className='h-64 w-full' />
      </div>
    )
  }
  if (me.isError) {
    return (
      <QueryErrorAlert message={problemMessage(me.error, t)} onRetry={() => me.refetch()} />
    )
  }
  if (!me.data.platform_admin) {
    return (
      <EmptyState
        icon={ShieldOff}
        title={t('admin.forbidden.title')}
        description={t('admin.forbidden.description')}
      />
    )
  }
  return (
    <>
      <PageHeader title={t('admin.title')} description={t('admin.description')} />
      <div className='grid gap-8'>
        <TemplatesSection />
        <VirtualNumbersSection />
      </div>
    </>
  )
}
