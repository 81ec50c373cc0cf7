/**
 * A job's Vapi client: the tenant's own key, opened as the service role in its own transaction (a job has no
 * request to share one with). Null when the tenant has no key (any more).
 */
import type { VapiClient } from '@vapi-ai/server-sdk'
import { openCredential } from '../../_shared/credentials.ts'
import { VAPI_PROVIDERS } from '../../_shared/vapi.ts'
import type { JobsDeps } from '../deps.ts'

export async function jobVapi(deps: JobsDeps, tenant: string): Promise<VapiClient | null> {
  const key = await openCredential(deps, tenant, VAPI_PROVIDERS.apiKey)
  return key === null ? null : deps.vapi(key)
}

/** A job's tenant: every kind but none is enqueued with one (enqueueJob's tenantId). */
export function jobTenant(job: { tenantId: string | null; kind: string }): string {
  if (job.tenantId === null) throw new Error(`A ${job.kind} job needs a tenant`)
  return job.tenantId
}
