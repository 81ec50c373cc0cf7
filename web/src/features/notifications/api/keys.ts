/**
 * The notifications feature's query keys. Notifications are the signed-in member's in one tenant: the tenant
 * leads the key after the feature, as tenantScope builds it for the other features.
 */
export const notificationKeys = {
  all: (tenantId: string) => ['notifications', tenantId] as const,
  recent: (tenantId: string) => [...notificationKeys.all(tenantId), 'recent'] as const,
}
