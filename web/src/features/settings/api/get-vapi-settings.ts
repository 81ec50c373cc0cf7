import { queryOptions, useQuery } from '@tanstack/react-query'
import { VapiSettings } from '@shared/contracts/settings.ts'
import { callFunction } from '@/lib/functions.ts'

export function getVapiSettings(tenantId: string) {
  return callFunction('settings/vapi', { tenantId, schema: VapiSettings })
}

export function vapiSettingsQueryOptions(tenantId: string) {
  return queryOptions({ queryKey: ['settings', tenantId, 'vapi'], queryFn: () => getVapiSettings(tenantId) })
}

export function useVapiSettings(tenantId: string) {
  return useQuery(vapiSettingsQueryOptions(tenantId))
}
