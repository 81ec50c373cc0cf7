/** The knowledge feature's query keys: files and knowledge bases of a tenant. */
export const knowledgeKeys = {
  all: ['knowledge'] as const,
  files: (tenantId: string) => ['knowledge', tenantId, 'files'] as const,
  bases: (tenantId: string) => ['knowledge', tenantId, 'bases'] as const,
}
