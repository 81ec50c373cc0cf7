import { useTranslation } from 'react-i18next'
import { cn } from '@/lib/utils.ts'

/** A centred loading indicator filling its box; size the box with className. */
export function Spinner({ className }: { className?: string }) {
  const { t } = useTranslation()
  return (
    <div
      className={cn('flex items-center justify-center', className)}
      role='status'
      aria-label={t('common.loading')}
    >
      <span className='size-6 animate-spin rounded-full border-2 border-muted border-t-primary' />
    </div>
  )
}
