/** "Export CSV": the filtered calls as a file (GET /calls/export with the list's filters). */
import { Download } from 'lucide-react'
import { useState } from 'react'
import type { CallFilters } from '@shared/contracts/calls.ts'
import { Button } from '@/components/ui/button.tsx'
import { useCurrentTenant } from '@/features/tenants/index.ts'
import { useFeedback } from '@/lib/feedback.ts'
import { downloadCallsCsv } from '../api/downloads.ts'
import { useCallsTranslation } from '../i18n.ts'
import { todayIn } from '../model/format.ts'

export function ExportButton({ filters }: { filters: CallFilters }) {
  const { t } = useCallsTranslation()
  const { tenant } = useCurrentTenant()
  const withFeedback = useFeedback()
  const [busy, setBusy] = useState(false)
  const run = async () => {
    setBusy(true)
    await withFeedback(() => downloadCallsCsv(tenant.id, filters, todayIn(tenant.timezone)), {
      success: t('export.done'),
      failure: t('export.failed'),
    })
    setBusy(false)
  }
  return (
    <Button variant='outline' onClick={run} loading={busy}>
      <Download aria-hidden='true' />
      {t('export.action')}
    </Button>
  )
}
