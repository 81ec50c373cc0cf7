import { tenantScope } from '@/lib/query-keys.ts'

/** The settings feature's query keys: one factory, so invalidations cannot miss a spelling. */
export const settingsKeys = {
  vapi: (tenantId: string) => [...tenantScope('settings', tenantId), 'vapi'] as const,
}
