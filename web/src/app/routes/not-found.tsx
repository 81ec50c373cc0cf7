import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { buttonVariants } from '@/components/ui/button.tsx'
import { useDocumentTitle } from '@/hooks/use-document-title.ts'

export function NotFoundRoute() {
  const { t } = useTranslation()
  useDocumentTitle(t('notFound.title'))
  return (
    <div className='flex min-h-[60dvh] flex-col items-center justify-center gap-3 text-center'>
      <p className='text-sm font-medium text-primary'>404</p>
      <h1 className='text-xl font-semibold'>{t('notFound.title')}</h1>
      <p className='text-sm text-muted-foreground'>{t('notFound.description')}</p>
      <Link to='/' className={buttonVariants({ variant: 'outline' })}>{t('notFound.home')}</Link>
    </div>
  )
}
