/** The admin feature's query keys: one factory, so invalidations cannot miss a spelling. */
export const adminKeys = {
  me: () => ['admin', 'me'] as const,
  templates: () => ['admin', 'templates'] as const,
  preview: (body: string, firstMessage: string, tenantId: string) =>
    ['admin', 'preview', tenantId, body, firstMessage] as const,
  tenants: (query: string) => ['admin', 'tenants', query] as const,
  virtualNumbers: () => ['admin', 'virtual-numbers'] as const,
  virtualNumberList: (filters: { country?: string; status?: string }) => ['admin', 'virtual-numbers', filters] as const,
}
