import { Inbox } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { buttonVariants } from '@/components/ui/button.tsx'
import { EmptyState } from '@/components/ui/empty-state.tsx'
import { PageHeader } from '@/components/ui/page-header.tsx'
import { useDocumentTitle } from '@/hooks/use-document-title.ts'

export function InboxRoute() {
  const { t } = useTranslation()
  useDocumentTitle(t('nav.inbox'))
  return (
    <>
      <PageHeader title={t('nav.inbox')} description={t('inbox.description')} />
      <EmptyState
        icon={Inbox}
        title={t('inbox.emptyTitle')}
        description={t('inbox.emptyDescription')}
        action={
          <Link to='/channels' className={buttonVariants({ variant: 'outline' })}>
            {t('inbox.openChannels')}
          </Link>
        }
      />
    </>
  )
}
