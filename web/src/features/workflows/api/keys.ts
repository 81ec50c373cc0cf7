import { tenantScope } from '@/lib/query-keys.ts'

const all = (tenantId: string) => tenantScope('workflows', tenantId)

/** The workflows feature's query keys: one factory, so invalidations cannot miss a spelling. */
export const workflowKeys = {
  all,
  list: (tenantId: string) => [...all(tenantId), 'list'] as const,
  detail: (tenantId: string, id: string) => [...all(tenantId), 'detail', id] as const,
}
