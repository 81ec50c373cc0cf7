/**
 * The virtual-number pool: every number with its country, provider and holder (or "available"), filtered by
 * country and status; an add form; available numbers can be removed after a confirmation.
 */
import { Phone, Trash2 } from 'lucide-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { VIRTUAL_NUMBER_STATUSES, type VirtualNumber } from '@shared/contracts/admin.ts'
import { ConfirmDialog } from '@/components/ui/alert-dialog.tsx'
import { Badge } from '@/components/ui/badge.tsx'
import { Button } from '@/components/ui/button.tsx'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card.tsx'
import { EmptyState } from '@/components/ui/empty-state.tsx'
import { Input, NativeSelect } from '@/components/ui/input.tsx'
import { Label } from '@/components/ui/label.tsx'
import { Skeleton } from '@/components/ui/skeleton.tsx'
import { QueryErrorAlert } from '@/components/ui/query-error-alert.tsx'
import { LoadMoreButton } from '@/components/ui/load-more-button.tsx'
import { countryName } from '@/lib/countries.ts'
import { useFeedback } from '@/lib/feedback.ts'
import { formatDateTime } from '@/lib/format.ts'
import { problemMessage } from '@/lib/problem-message.ts'
import { useDeleteVirtualNumber } from '../api/delete-virtual-number.ts'
import { useVirtualNumbers, type VirtualNumberFilters } from '../api/get-virtual-numbers.ts'
import { useDebouncedValue } from '../use-debounced-value.ts'
import { AddVirtualNumberForm } from './add-virtual-number-form.tsx'
import { PROVIDER_NAMES } from './labels.ts'

export function VirtualNumbersSection() {
  const { t, i18n } = useTranslation()
  const withFeedback = useFeedback()
  const remove = useDeleteVirtualNumber()
  const [country, setCountry] = useState('')
  const [status, setStatus] = useState<VirtualNumberFilters['status']>(undefined)
  const typedCountry = useDebouncedValue(country.trim().toUpperCase(), 300)
  const filters: VirtualNumberFilters = {
    country: /^[A-Z]{2}$/.test(typedCountry) ? typedCountry : undefined,
    status,
  }
  const numbers = useVirtualNumbers(filters)
  const items = numbers.data?.pages.flatMap((page) => page.items) ?? []

  const confirmDelete = (number: VirtualNumber) =>
    void withFeedback(() => remove.mutateAsync(number.id), {
      success: t('admin.numbers.deleted', { number: number.number }),
      failure: t('admin.numbers.deleteFailed'),
    })

  return (
    <Card aria-labelledby='admin-numbers-title'>
      <CardHeader>
        <CardTitle id='admin-numbers-title'>{t('admin.numbers.title')}</CardTitle>
        <CardDescription>{t('admin.numbers.description')}</CardDescription>
      </CardHeader>
      <CardContent className='grid gap-5'>
        <AddVirtualNumberForm />
        <div className='flex flex-wrap items-end gap-3' role='search' aria-label={t('admin.numbers.filters')}>
          <div className='grid gap-1.5'>
            <Label htmlFor='admin-numbers-country'>{t('admin.numbers.country')}</Label>
            <Input
              id='admin-numbers-country'
              className='w-28 uppercase'
              maxLength={2}
              placeholder='FR'
              autoComplete='off'
              value={country}
              onChange={(event) => setCountry(event.target.value)}
            />
          </div>
          <div className='grid gap-1.5'>
            <Label htmlFor='admin-numbers-status'>{t('admin.numbers.status')}</Label>
            <NativeSelect
              id='admin-numbers-status'
              className='w-40'
              value={status ?? ''}
              onChange={(event) => setStatus((event.target.value || undefined) as VirtualNumberFilters['status'])}
            >
              <option value=''>{t('admin.numbers.allStatuses')}</option>
              {VIRTUAL_NUMBER_STATUSES.map((s) => <option key={s} value={s}>{t(`admin.numbers.statuses.${s}`)}
              </option>)}
            </NativeSelect>
          </div>
        </div>
        {numbers.isPending
          ? <Skeleton className='h-40 w-full' aria-label={t('common.loading')} />
          : numbers.isError
          ? (
            <QueryErrorAlert message={problemMessage(numbers.error, t)} onRetry={() => numbers.refetch()} />
          )
          : items.length === 0
          ? (
            <EmptyState
              icon={Phone}
              title={t('admin.numbers.emptyTitle')}
              description={filters.country || filters.status
                ? t('admin.numbers.emptyFiltered')
                : t('admin.numbers.emptyDescription')}
            />
          )
          : (
            <div className='overflow-x-auto'>
              <table className='w-full text-sm'>
                <caption className='sr-only'>{t('admin.numbers.title')}</caption>
                <thead className='text-left text-xs text-muted-foreground'>
                  <tr className='border-b'>
                    <th scope='col' className='py-2 pr-3 font-medium'>{t('admin.numbers.number')}</th>
                    <th scope='col' className='py-2 pr-3 font-medium'>{t('admin.numbers.country')}</th>
                    <th scope='col' className='hidden py-2 pr-3 font-medium sm:table-cell'>
                      {t('admin.numbers.provider')}
                    </th>
                    <th scope='col' className='py-2 pr-3 font-medium'>{t('admin.numbers.holder')}</th>
                    <th scope='col' className='py-2 text-right font-medium'>
                      <span className='sr-only'>{t('admin.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((number) => (
                    <tr key={number.id} className='border-b last:border-0'>
                      <td className='py-2 pr-3 font-mono text-xs whitespace-nowrap'>{number.number}</td>
                      <td className='py-2 pr-3' title={countryName(number.country, i18n.language)}>{number.country}</td>
                      <td className='hidden py-2 pr-3 sm:table-cell'>{PROVIDER_NAMES[number.provider]}</td>
                      <td className='py-2 pr-3'>
                        {number.tenant
                          ? (
                            <span className='grid'>
                              <span>{number.tenant.name}</span>
                              {number.assigned_at && (
                                <span className='text-xs text-muted-foreground'>
                                  {t('admin.numbers.assignedAt', {
                                    date: formatDateTime(number.assigned_at, i18n.language),
                                  })}
                                </span>
                              )}
                            </span>
                          )
                          : <Badge variant='success'>{t('admin.numbers.statuses.available')}</Badge>}
                      </td>
                      <td className='py-1.5 text-right'>
                        {!number.tenant && (
                          <ConfirmDialog
                            trigger={
                              <Button
                                variant='ghost'
                                size='sm'
                                className='text-destructive hover:text-destructive'
                                aria-label={t('admin.numbers.deleteNamed', { number: number.number })}
                              >
                                <Trash2 aria-hidden='true' />
                              </Button>
                            }
                            title={t('admin.numbers.deleteTitle', { number: number.number })}
                            description={t('admin.numbers.deleteDescription')}
                            confirmLabel={t('common.delete')}
                            onConfirm={() => confirmDelete(number)}
                          />
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <LoadMoreButton query={numbers} />
            </div>
          )}
      </CardContent>
    </Card>
  )
}
