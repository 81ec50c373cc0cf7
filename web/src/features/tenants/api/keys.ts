/** The tenants feature's query keys. */
export const tenantKeys = {
  all: ['tenant-memberships'] as const,
}
