/** The Phone numbers page: the tenant's numbers and what answers each, getting one, releasing one. */
import { Phone } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { EmptyState } from '@/components/ui/empty-state.tsx'
import { PageHeader } from '@/components/ui/page-header.tsx'
import { Skeleton } from '@/components/ui/skeleton.tsx'
import { QueryErrorAlert } from '@/components/ui/query-error-alert.tsx'
import { useCan, useCurrentTenant } from '@/features/tenants/index.ts'
import { problemMessage } from '@/lib/problem-message.ts'
import { useAnswerers } from '../api/get-answerers.ts'
import { useNumbers } from '../api/get-numbers.ts'
import { GetNumberDialog } from './get-number-dialog.tsx'
import { NumberCard } from './number-card.tsx'

export function NumbersPage() {
  const { t } = useTranslation()
  const { tenant } = useCurrentTenant()
  const canManage = useCan('numbers.manage')
  const numbers = useNumbers(tenant.id)
  const answerers = useAnswerers(tenant.id)
  const action = canManage ? <GetNumberDialog tenantId={tenant.id} /> : undefined

  return (
    <div>
      <PageHeader title={t('nav.numbers')} description={t('numbers.description')} actions={action} />
      {numbers.isPending && (
        <div className='grid gap-3' aria-busy='true' aria-label={t('common.loading')}>
          <Skeleton className='h-28 w-full' />
          <Skeleton className='h-28 w-full' />
        </div>
      )}
      {numbers.isError && (
        <QueryErrorAlert
          message={t('numbers.loadFailed', { reason: problemMessage(numbers.error, t) })}
          onRetry={() => numbers.refetch()}
        />
      )}
      {numbers.data?.length === 0 && (
        <EmptyState
          icon={Phone}
          title={t('numbers.empty.title')}
          description={canManage ? t('numbers.empty.description') : t('numbers.empty.askAdmin')}
          action={action}
        />
      )}
      {!!numbers.data?.length && (
        <ul className='grid gap-3' aria-label={t('nav.numbers')}>
          {numbers.data.map((n) => (
            <NumberCard key={n.id} tenantId={tenant.id} number={n} answerers={answerers.data} canManage={canManage} />
          ))}
        </ul>
      )}
    </div>
  )
}
