/** What answers a number, in words: an assistant (and whether it is active), a workflow, or nobody. */
import { Bot, PhoneForwarded, Workflow } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import type { AnsweredBy as AnsweredByValue } from '@shared/contracts/phone-numbers.ts'
import { Badge } from '@/components/ui/badge.tsx'
import { formatPhone } from '@/lib/phone.ts'

export function AnsweredBy({ value }: { value: AnsweredByValue }) {
  const { t } = useTranslation()
  if (value.type === 'assistant') {
    return (
      <span className='inline-flex flex-wrap items-center gap-1.5'>
        <Bot className='size-4 text-muted-foreground' aria-hidden='true' />
        <span className='font-medium'>{value.name}</span>
        {value.active
          ? <Badge variant='success'>{t('numbers.answeredBy.active')}</Badge>
          : <Badge variant='warning'>{t('numbers.answeredBy.inactive')}</Badge>}
      </span>
    )
  }
  if (value.type === 'workflow') {
    return (
      <span className='inline-flex items-center gap-1.5'>
        <Workflow className='size-4 text-muted-foreground' aria-hidden='true' />
        <span className='font-medium'>{value.name}</span>
      </span>
    )
  }
  return (
    <span className='inline-flex items-center gap-1.5 text-muted-foreground'>
      <PhoneForwarded className='size-4' aria-hidden='true' />
      {value.fallback_number
        ? t('numbers.answeredBy.nobodyForward', { phone: formatPhone(value.fallback_number) })
        : t('numbers.answeredBy.nobody')}
    </span>
  )
}
