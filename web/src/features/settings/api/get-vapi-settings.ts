import { queryOptions, useQuery } from '@tanstack/react-query'
import { settingsContract } from '@shared/contracts/settings.ts'
import { callFunction } from '@/lib/functions.ts'
import { settingsKeys } from './keys.ts'

export function getVapiSettings(tenantId: string) {
  return callFunction(settingsContract.routes.getVapi, { tenantId })
}

function vapiSettingsQueryOptions(tenantId: string) {
  return queryOptions({ queryKey: settingsKeys.vapi(tenantId), queryFn: () => getVapiSettings(tenantId) })
}

export function useVapiSettings(tenantId: string) {
  return useQuery(vapiSettingsQueryOptions(tenantId))
}
