/**
 * The signed-in user's phones that receive push notifications (Expo push tokens), whatever the tenant: which
 * notifications each tenant pushes is the user's choice there (notification preferences). Runs as the user;
 * RLS keeps every row to its owner, and `public.register_push_device` moves a token another user held (the
 * phone changed hands) to this one.
 */
import type { PushDevice, RegisterPushTokenBody } from '../../../shared/contracts/settings.ts'
import type { Tx } from '../_shared/db.ts'
import { NotFound } from '../_shared/errors.ts'

interface PushDeviceRow {
  id: string
  token: string
  platform: PushDevice['platform']
  device_name: string | null
  created_at: Date
  last_used_at: Date | null
}

const COLUMNS = [
  'id',
  'token',
  'platform',
  'device_name',
  'created_at',
  'last_used_at',
] as const satisfies readonly (keyof PushDeviceRow)[]

function toPushDevice(row: PushDeviceRow): PushDevice {
  return {
    id: row.id,
    token: row.token,
    platform: row.platform,
    device_name: row.device_name,
    created_at: row.created_at.toISOString(),
    last_used_at: row.last_used_at?.toISOString() ?? null,
  }
}

/** Registers (or refreshes) a phone: idempotent on the token. */
export async function registerPushDevice(tx: Tx, body: RegisterPushTokenBody): Promise<PushDevice> {
  const [row] = await tx<PushDeviceRow[]>`
    select ${tx(COLUMNS)} from public.register_push_device(
      ${body.token}, ${body.platform ?? null}, ${body.device_name ?? null})`
  return toPushDevice(row)
}

export async function listPushDevices(tx: Tx, user: string): Promise<PushDevice[]> {
  const rows = await tx<PushDeviceRow[]>`
    select ${tx(COLUMNS)} from public.push_devices where user_id = ${user} order by created_at desc, id desc`
  return rows.map(toPushDevice)
}

/** Forgets one of the user's phones; another user's is not found, as a missing one. */
export async function deletePushDevice(tx: Tx, id: string): Promise<void> {
  const deleted = await tx`delete from public.push_devices where id = ${id} returning id`
  if (deleted.length === 0) throw new NotFound('push_token_not_found', 'No such phone among yours')
}
