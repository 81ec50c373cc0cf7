/** A file's status as a badge: processing (with a spinner), ready or failed. */
import { useTranslation } from 'react-i18next'
import type { FileStatus } from '@shared/contracts/files.ts'
import { Badge } from '@/components/ui/badge.tsx'

const VARIANT = { processing: 'warning', ready: 'success', failed: 'muted' } as const

export function StatusBadge({ status }: { status: FileStatus }) {
  const { t } = useTranslation()
  return <Badge variant={VARIANT[status]}>{t(`knowledge.status.${status}`)}</Badge>
}
