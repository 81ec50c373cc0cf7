/**
 * The jobs function's own dependencies: its slice of the environment, and the clients its jobs use — Vapi
 * (each tenant's own key), the recording store, the Expo push service.
 */
import { z } from 'zod'
import type { CoreDeps } from '../_shared/deps.ts'
import { type EnvSource, readEnv } from '../_shared/env.ts'
import { createPushClientFromEnv, type PushClient } from '../_shared/push.ts'
import { createRecordingStore, type RecordingStore } from '../_shared/storage.ts'
import { createVapiFactory, loadVapiEnv, type VapiFactory } from '../_shared/vapi.ts'

const JobsEnvSchema = z.object({
  /** The scheduler's shared secret (pg_cron reads it from Vault; the local stack generates one). */
  JOBS_SECRET: z.string().min(32, 'must be at least 32 characters'),
  /** How long after a push its receipts are checked: Expo has them within 15 minutes. */
  PUSH_RECEIPT_DELAY_S: z.coerce.number().int().min(0).max(86_400).default(900),
  /** How long one run takes on new jobs: well inside the edge function's wall-clock limit (150 s at least). */
  JOBS_RUN_BUDGET_S: z.coerce.number().int().min(1).max(120).default(20),
})
export type JobsEnv = z.output<typeof JobsEnvSchema>

export interface JobsOwnDeps {
  jobs: JobsEnv
  vapi: VapiFactory
  store: RecordingStore
  push: PushClient
}

export type JobsDeps = CoreDeps & JobsOwnDeps

export function jobsDeps(core: CoreDeps, source?: EnvSource): JobsOwnDeps {
  return {
    jobs: readEnv(JobsEnvSchema, source),
    vapi: createVapiFactory(loadVapiEnv(source)),
    store: createRecordingStore(core, source),
    push: createPushClientFromEnv(source),
  }
}
