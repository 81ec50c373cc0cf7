/** The Knowledge page: Files and Knowledge bases; changes offered to knowledge.manage only. */
import { useCan, useCurrentTenant } from '@/features/tenants/index.ts'
import { BasesSection } from './bases-section.tsx'
import { FilesSection } from './files-section.tsx'

export function KnowledgePage() {
  const { tenant } = useCurrentTenant()
  const canManage = useCan('knowledge.manage')
  return (
    <div className='grid gap-8 lg:grid-cols-2'>
        <FilesSection tenantId={tenant.id} canManage={canManage} />
        <BasesSection tenantId={tenant.id} canManage={canManage} />
    </div>
  )
}
