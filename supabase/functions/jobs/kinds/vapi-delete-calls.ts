/**
 * `vapi.delete_calls`: deletes calls from the tenant's Vapi organisation once we deleted ours (retention,
 * erasure), so the transcript and recording do not outlive them there. One `DELETE /call/:id` each; a 404 is
 * already gone. The ids that failed stay in the payload for the retry.
 */
import { VapiError } from '@vapi-ai/server-sdk'
import { GiveUp, type Job, RetryLater } from '../../_shared/jobs.ts'
import { vapiFailure } from '../../_shared/vapi.ts'
import type { JobsDeps } from '../deps.ts'
import { jobTenant, jobVapi } from './tenant-vapi.ts'

export async function deleteVapiCalls(job: Job<'vapi.delete_calls'>, deps: JobsDeps): Promise<void> {
  const vapi = await jobVapi(deps, jobTenant(job))
  if (!vapi) throw new GiveUp('The tenant has no Vapi key any more: its calls stay in Vapi')
  const left: string[] = []
  let reason = ''
  for (const [i, id] of job.payload.vapi_call_ids.entries()) {
    try {
      await vapi.calls.delete({ id })
    } catch (error) {
      if (error instanceof VapiError && error.statusCode === 404) continue
      reason = describe(error)
      // A refused key refuses them all: keep the rest for the retry without asking again.
      if (vapiFailure(error) === 'rejected') {
        left.push(...job.payload.vapi_call_ids.slice(i))
        break
      }
      left.push(id)
    }
  }
  if (left.length > 0) {
    throw new RetryLater<'vapi.delete_calls'>(`${left.length} call(s) not deleted in Vapi: ${reason}`, {
      payload: { vapi_call_ids: left },
    })
  }
}

function describe(error: unknown): string {
  if (error instanceof VapiError) return `Vapi answered ${error.statusCode ?? 'nothing'}`
  return error instanceof Error ? error.name : 'unknown error'
}
