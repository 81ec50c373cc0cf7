import type { CallFilters } from '@shared/contracts/calls.ts'

/**
 * The calls feature's query keys: one factory, so the realtime cache updates and the invalidations cannot
 * miss a spelling. Scoped as tenantScope (lib/query-keys.ts) scopes the others: feature, then tenant.
 */
const all = (tenantId: string) => ['calls', tenantId] as const

export interface OverviewRange {
  from: string
  to: string
}

export const callKeys = {
  all,
  /** Every list, whatever its filters (the realtime updates walk them all). */
  lists: (tenantId: string) => [...all(tenantId), 'list'] as const,
  list: (tenantId: string, filters: CallFilters) => [...all(tenantId), 'list', filters] as const,
  live: (tenantId: string) => [...all(tenantId), 'live'] as const,
  detail: (tenantId: string, id: string) => [...all(tenantId), 'detail', id] as const,
  overviews: (tenantId: string) => [...all(tenantId), 'overview'] as const,
  overview: (tenantId: string, range: OverviewRange) => [...all(tenantId), 'overview', range] as const,
}
