import { tenantScope } from '@/lib/query-keys.ts'

const all = (tenantId: string) => tenantScope('assistants', tenantId)

/** The assistants feature's query keys: one factory, so invalidations cannot miss a spelling. */
export const assistantKeys = {
  all,
  list: (tenantId: string) => [...all(tenantId), 'list'] as const,
  detail: (tenantId: string, id: string) => [...all(tenantId), 'detail', id] as const,
  template: (tenantId: string, language: string) => [...all(tenantId), 'template', language] as const,
  importable: (tenantId: string) => [...all(tenantId), 'importable'] as const,
}
