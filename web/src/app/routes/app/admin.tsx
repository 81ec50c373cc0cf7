import { useTranslation } from 'react-i18next'
import { AdminPage } from '@/features/admin/index.ts'
import { useDocumentTitle } from '@/hooks/use-document-title.ts'

/** `/admin`: platform administration (prompt templates, virtual-number pool), for platform admins only. */
export function AdminRoute() {
  const { t } = useTranslation()
  useDocumentTitle(t('admin.title'))
  return <AdminPage />
}
