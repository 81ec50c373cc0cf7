/** The assistants feature's query keys: one factory, so invalidations cannot miss a spelling. */
export const assistantKeys = {
  all: (tenantId: string) => ['assistants', tenantId] as const,
  list: (tenantId: string) => ['assistants', tenantId, 'list'] as const,
  detail: (tenantId: string, id: string) => ['assistants', tenantId, 'detail', id] as const,
  template: (tenantId: string, language: string) => ['assistants', tenantId, 'template', language] as const,
  importable: (tenantId: string) => ['assistants', tenantId, 'importable'] as const,
}
