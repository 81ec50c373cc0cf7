// The tenants feature's public surface for other features: the current tenant and the caller's permissions.
export { useCan, useCurrentTenant } from './components/tenant-context.tsx'
