import { useTranslation } from 'react-i18next'
import { useRouteError } from 'react-router'
import { Button } from '@/components/ui/button.tsx'

/** Last resort for a render error in a route: say so plainly and offer a reload. */
export function RouteErrorBoundary() {
  const { t } = useTranslation()
  const error = useRouteError()
  console.error(error)
  return (
    <div
      role='alert'
      className='flex min-h-[60dvh] flex-col items-center justify-center gap-3 px-4 text-center'
    >
      <h1 className='text-lg font-semibold'>{t('errors.crashTitle')}</h1>
      <p className='max-w-sm text-sm text-muted-foreground'>{t('errors.crashDescription')}</p>
      <Button variant='outline' onClick={() => location.reload()}>{t('errors.reload')}</Button>
    </div>
  )
}
