import { useTranslation } from 'react-i18next'
import { PageHeader } from '@/components/ui/page-header.tsx'
import { useDocumentTitle } from '@/hooks/use-document-title.ts'

/** Placeholder while the page is built. */
export function NumbersRoute() {
  const { t } = useTranslation()
  useDocumentTitle(t('nav.numbers'))
  return <PageHeader title={t('nav.numbers')} />
}
