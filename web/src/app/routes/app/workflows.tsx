import { useTranslation } from 'react-i18next'
import { PageHeader } from '@/components/ui/page-header.tsx'
import { useDocumentTitle } from '@/hooks/use-document-title.ts'

/** Placeholder while the page is built. */
export function WorkflowsRoute() {
  const { t } = useTranslation()
  useDocumentTitle(t('nav.workflows'))
  return <PageHeader title={t('nav.workflows')} />
}
