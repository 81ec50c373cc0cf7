/** The tenants feature's query keys. */
export const tenantKeys = {
  all: ['tenants'] as const,
}
