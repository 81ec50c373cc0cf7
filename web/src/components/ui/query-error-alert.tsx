/** A read that failed: the problem's sentence and a Retry button, in place of what could not be shown. */
import { RefreshCw } from 'lucide-react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { cn } from '@/lib/utils.ts'
import { Alert } from './alert.tsx'
import { Button } from './button.tsx'

export function QueryErrorAlert({ message, onRetry, className }: {
  /** What failed and why ("Could not load the workflows: …"). */
  message: ReactNode
  /** Reads again (the query's refetch, or an invalidation). */
  onRetry: () => unknown
  className?: string
}) {
  const { t } = useTranslation()
  return (
    <Alert variant='destructive' role='alert' className={cn('flex-wrap items-center justify-between', className)}>
      <span>{message}</span>
      <Button variant='outline' size='sm' onClick={() => void onRetry()}>
        <RefreshCw aria-hidden='true' />
        {t('common.retry')}
      </Button>
    </Alert>
  )
}
