/** One number: how it reads, where it came from, what answers it (changeable), and releasing it. */
import { Trash2 } from 'lucide-react'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { PhoneNumber, PhoneNumberAnswerers, UpdatePhoneNumberBody } from '@shared/contracts/phone-numbers.ts'
import { ConfirmDialog } from '@/components/ui/alert-dialog.tsx'
import { Badge } from '@/components/ui/badge.tsx'
import { Button } from '@/components/ui/button.tsx'
import { Label } from '@/components/ui/label.tsx'
import { useFeedback } from '@/lib/feedback.ts'
import { useReleaseNumber } from '../api/release-number.ts'
import { useUpdateNumber } from '../api/update-number.ts'
import { formatPhone } from '@/lib/phone.ts'
import { AnsweredBy } from './answered-by.tsx'
import { AnswererSelect } from './answerer-select.tsx'

interface Props {
  tenantId: string
  number: PhoneNumber
  answerers: PhoneNumberAnswerers | undefined
  canManage: boolean
}

export function NumberCard({ tenantId, number, answerers, canManage }: Props) {
  const { t } = useTranslation()
  const selectId = useId()
  const withFeedback = useFeedback()
  const update = useUpdateNumber(tenantId)
  const release = useReleaseNumber(tenantId)
  const shown = formatPhone(number.number)

  const assign = (body: UpdatePhoneNumberBody) =>
    withFeedback(() => update.mutateAsync({ id: number.id, body }), {
      success: t('numbers.assign.saved', { number: shown }),
      failure: t('numbers.assign.failed'),
    })

  const remove = () =>
    withFeedback(() => release.mutateAsync(number.id), {
      success: t('numbers.release.done', { number: shown }),
      failure: t('numbers.release.failed'),
    })

  return (
    <li className='grid gap-4 rounded-lg border bg-card p-4 shadow-xs sm:grid-cols-[1fr_auto] sm:items-start'>
      <div className='grid min-w-0 gap-1.5'>
        <div className='flex flex-wrap items-center gap-2'>
          <span className='font-mono text-base font-semibold tabular-nums'>{shown}</span>
          <Badge variant='muted'>{t(`numbers.source.${number.source}`)}</Badge>
          {number.status !== 'active' && (
            <Badge variant='warning' title={t('numbers.status.hint')}>
              {t(`numbers.status.${number.status === 'activating' ? 'activating' : 'other'}`, {
                status: number.status,
              })}
            </Badge>
          )}
        </div>
        {number.name && <p className='text-sm text-muted-foreground'>{number.name}</p>}
        <div className='mt-1 grid gap-1.5 text-sm'>
          {canManage
            ? (
              <>
                <Label htmlFor={selectId} className='text-xs text-muted-foreground'>
                  {t('numbers.assign.label')}
                </Label>
                <AnswererSelect
                  id={selectId}
                  number={number}
                  answerers={answerers}
                  disabled={update.isPending}
                  onChange={assign}
                />
              </>
            )
            : <span className='text-xs text-muted-foreground'>{t('numbers.assign.label')}</span>}
          <AnsweredBy value={number.answered_by} />
          {number.answered_by.type === 'assistant' && !number.answered_by.active && (
            <p className='text-xs text-muted-foreground'>{t('numbers.answeredBy.inactiveHint')}</p>
          )}
        </div>
      </div>
      {canManage && (
        <ConfirmDialog
          trigger={
            <Button
              variant='ghost'
              size='sm'
              className='justify-self-start text-destructive hover:text-destructive'
              loading={release.isPending}
            >
              <Trash2 aria-hidden='true' />
              {t('numbers.release.action')}
            </Button>
          }
          title={t('numbers.release.title', { number: shown })}
          description={number.source === 'pool'
            ? t('numbers.release.descriptionPool')
            : number.source === 'vapi'
            ? t('numbers.release.descriptionVapi')
            : t('numbers.release.descriptionTwilio')}
          confirmLabel={t('numbers.release.confirm')}
          onConfirm={remove}
        />
      )}
    </li>
  )
}
