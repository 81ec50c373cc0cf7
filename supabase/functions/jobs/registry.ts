/**
 * Every job kind and the handler that runs it: one entry per kind of JobPayloads (a missing one is a type
 * error), so every enqueued job has a worker that claims it.
 */
import type { JobHandler, JobKind } from '../_shared/jobs.ts'
import type { JobsDeps } from './deps.ts'
import { checkPushReceipts } from './kinds/push-receipts.ts'
import { pushCall } from './kinds/push-call.ts'
import { reconcileCalls } from './kinds/reconcile.ts'
import { copyRecording } from './kinds/recording-copy.ts'
import { applyRetention } from './kinds/retention.ts'
import { deleteVapiCalls } from './kinds/vapi-delete-calls.ts'

export const JOB_HANDLERS: { [K in JobKind]: JobHandler<K, JobsDeps> } = {
  'recording.copy': copyRecording,
  'push.call': pushCall,
  'push.receipts': checkPushReceipts,
  'calls.reconcile': reconcileCalls,
  'calls.retention': applyRetention,
  'vapi.delete_calls': deleteVapiCalls,
}
