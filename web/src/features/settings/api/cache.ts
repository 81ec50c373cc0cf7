import type { QueryClient } from '@tanstack/react-query'
import type { WebhookAuthChange } from '@shared/contracts/settings.ts'
import { settingsKeys } from './keys.ts'

/** A webhook change answers the tenant's settings as they now are: they replace the cached ones. */
export const storeSettings = (tenantId: string) => (queryClient: QueryClient, { settings }: WebhookAuthChange) =>
  queryClient.setQueryData(settingsKeys.vapi(tenantId), settings)
