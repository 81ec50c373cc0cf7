// The tenants feature's public surface for other features: the current tenant, the caller's permissions, and
// the owner's phone card of Settings → General.
export { useCan, useCurrentTenant } from './components/tenant-context.tsx'
export { OwnerPhoneCard } from './components/owner-phone-card.tsx'
