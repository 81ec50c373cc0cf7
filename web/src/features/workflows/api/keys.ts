/** The workflows feature's query keys: one factory, so invalidations cannot miss a spelling. */
export const workflowKeys = {
  all: (tenantId: string) => ['workflows', tenantId] as const,
  list: (tenantId: string) => ['workflows', tenantId, 'list'] as const,
  detail: (tenantId: string, id: string) => ['workflows', tenantId, 'detail', id] as const,
}
