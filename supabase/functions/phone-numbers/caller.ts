/** The caller every operation of this function works with: the voice caller, with the pool's settings. */
import type { VoiceCaller } from '../_shared/voice.ts'
import type { PoolEnv } from './pool.ts'

export type NumbersCaller = VoiceCaller & { deps: VoiceCaller['deps'] & { pool: PoolEnv } }
