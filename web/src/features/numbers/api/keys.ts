/** The numbers feature's query keys: one factory, so invalidations cannot miss a spelling. */
export const numberKeys = {
  all: (tenantId: string) => ['numbers', tenantId] as const,
  list: (tenantId: string) => ['numbers', tenantId, 'list'] as const,
  answerers: (tenantId: string) => ['numbers', tenantId, 'answerers'] as const,
  options: (tenantId: string, areaCode?: string) => ['numbers', tenantId, 'options', areaCode ?? null] as const,
}
