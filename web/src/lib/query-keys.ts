/**
 * The first two parts of every tenant-scoped query key: the feature, then the tenant. Each feature's keys.ts
 * builds its keys from this, and a feature refreshing another's cache (a number's answerer, an assistant shown
 * in the knowledge bases) calls it rather than spelling the other's prefix.
 */
export type QueryFeature = 'assistants' | 'workflows' | 'numbers' | 'knowledge' | 'settings'

export function tenantScope<F extends QueryFeature>(feature: F, tenantId: string) {
  return [feature, tenantId] as const
}
