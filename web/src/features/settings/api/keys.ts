import { tenantScope } from '@/lib/query-keys.ts'

/** The settings feature's query keys: one factory, so invalidations cannot miss a spelling. */
export const settingsKeys = {
  vapi: (tenantId: string) => [...tenantScope('settings', tenantId), 'vapi'] as const,
  retention: (tenantId: string) => [...tenantScope('settings', tenantId), 'retention'] as const,
  notificationPreferences: (tenantId: string) =>
    [...tenantScope('settings', tenantId), 'notification-preferences'] as const,
  /** The signed-in user's phones: theirs whatever the tenant. */
  pushDevices: () => ['settings', 'user', 'push-devices'] as const,
}
