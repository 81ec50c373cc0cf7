import { tenantScope } from '@/lib/query-keys.ts'

const all = (tenantId: string) => tenantScope('numbers', tenantId)

/** The numbers feature's query keys: one factory, so invalidations cannot miss a spelling. */
export const numberKeys = {
  all,
  list: (tenantId: string) => [...all(tenantId), 'list'] as const,
  answerers: (tenantId: string) => [...all(tenantId), 'answerers'] as const,
  options: (tenantId: string, areaCode?: string) => [...all(tenantId), 'options', areaCode ?? null] as const,
}
