/** The settings feature's query keys: one factory, so invalidations cannot miss a spelling. */
export const settingsKeys = {
  all: ['settings'] as const,
  vapi: (tenantId: string) => ['settings', tenantId, 'vapi'] as const,
}
