/** The small words of a call: its state, its ended reason in plain words, its success evaluation. */
import type { TFunction } from 'i18next'
import { CircleCheck, CircleX } from 'lucide-react'
import type { CallStatus } from '@shared/contracts/calls.ts'
import { Badge } from '@/components/ui/badge.tsx'
import { useCallsTranslation } from '../i18n.ts'
import { endedReasonKey } from '../model/ended-reasons.ts'
import { readSuccess } from '../model/format.ts'

const STATUS_VARIANT = {
  queued: 'muted',
  ringing: 'warning',
  'in-progress': 'success',
  forwarding: 'default',
  ended: 'muted',
} as const satisfies Record<CallStatus, string>

export function StatusBadge({ status }: { status: CallStatus }) {
  const { t } = useCallsTranslation()
  return (
    <Badge variant={STATUS_VARIANT[status]}>
      {status !== 'ended' && (
        <span className='relative flex size-2' aria-hidden='true'>
          <span className='absolute inline-flex size-full animate-ping rounded-full bg-current opacity-60 motion-reduce:animate-none' />
          <span className='relative inline-flex size-2 rounded-full bg-current' />
        </span>
      )}
      {t(`status.${status}`)}
    </Badge>
  )
}

/** "Customer hung up", with Vapi's own reason as a tooltip for whoever needs it. */
export function EndedReason({ reason }: { reason: string | null }) {
  const { t } = useCallsTranslation()
  if (!reason) return <span className='text-muted-foreground'>—</span>
  return <span title={reason}>{endedReasonText(reason, t)}</span>
}

export function endedReasonText(reason: string, t: TFunction) {
  return t(`reasons.${endedReasonKey(reason) ?? 'other'}`, { reason })
}

export function SuccessMark({ value }: { value: string | null }) {
  const { t } = useCallsTranslation()
  const success = readSuccess(value)
  if (!success) return <span className='text-muted-foreground'>—</span>
  if (success.kind === 'yes') {
    return (
      <span className='inline-flex items-center gap-1 text-success'>
        <CircleCheck className='size-4' aria-hidden='true' />
        {t('success.yes')}
      </span>
    )
  }
  if (success.kind === 'no') {
    return (
      <span className='inline-flex items-center gap-1 text-destructive'>
        <CircleX className='size-4' aria-hidden='true' />
        {t('success.no')}
      </span>
    )
  }
  return <span>{success.text}</span>
}
