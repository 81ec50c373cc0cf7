import { tenantScope } from '@/lib/query-keys.ts'

const all = (tenantId: string) => tenantScope('knowledge', tenantId)

/** The knowledge feature's query keys: files and knowledge bases of a tenant. */
export const knowledgeKeys = {
  all,
  files: (tenantId: string) => [...all(tenantId), 'files'] as const,
  bases: (tenantId: string) => [...all(tenantId), 'bases'] as const,
}
