/**
 * `push.receipts`: Expo's verdict on pushes sent earlier (its receipts, ready within about 15 minutes). A
 * token whose receipt says DeviceNotRegistered (the app was removed) is deleted, so no push goes to it again.
 * Receipts Expo does not have yet are asked again later, until the job's last attempt.
 */
import type { Tx } from '../../_shared/db.ts'
import { type Job, RetryLater } from '../../_shared/jobs.ts'
import type { JobsDeps } from '../deps.ts'

export async function checkPushReceipts(job: Job<'push.receipts'>, deps: JobsDeps): Promise<void> {
  const { tickets } = job.payload
  if (tickets.length === 0) return
  const receipts = await deps.push.receipts(tickets.map((t) => t.id))
  const unregistered = tickets.filter((t) => {
    const receipt = receipts[t.id]
    return receipt?.status === 'error' && receipt.details?.error === 'DeviceNotRegistered'
  }).map((t) => t.token)
  if (unregistered.length > 0) await deps.db.asService((tx) => forgetDevices(tx, unregistered))

  const pending = tickets.filter((t) => receipts[t.id] === undefined)
  if (pending.length > 0 && !job.isLastAttempt) {
    throw new RetryLater<'push.receipts'>(`${pending.length} receipt(s) not ready`, {
      at: new Date(deps.clock.now().getTime() + deps.jobs.PUSH_RECEIPT_DELAY_S * 1000),
      payload: { tickets: pending },
    })
  }
}

/** Deletes the devices of tokens Expo no longer delivers to. */
export async function forgetDevices(tx: Tx, tokens: string[]): Promise<void> {
  if (tokens.length === 0) return
  await tx`delete from public.push_devices where token in ${tx(tokens)}`
}
