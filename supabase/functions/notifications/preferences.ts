/**
 * Which notifications a member wants in a tenant, per kind, in the app and on their phones. No row means
 * everything on (what private.notify_call and private.push_recipients assume too).
 */
import {
  NOTIFICATION_KINDS,
  type NotificationKind,
  type NotificationPreference,
  type NotificationPreferences,
} from '../../../shared/contracts/notifications.ts'
import type { Tx } from '../_shared/db.ts'
import { ValidationFailed } from '../_shared/errors.ts'

export async function getPreferences(tx: Tx, tenant: string, user: string): Promise<NotificationPreferences> {
  const rows = await tx<NotificationPreference[]>`
    select kind, in_app, push from public.notification_preferences
    where tenant_id = ${tenant} and user_id = ${user}`
  const saved = new Map(rows.map((row) => [row.kind, row]))
  const [{ devices }] = await tx<{ devices: number }[]>`
    select count(*)::int as devices from public.push_devices where user_id = ${user}`
  return {
    items: NOTIFICATION_KINDS.map((kind) => {
      const row = saved.get(kind)
      return { kind, in_app: row?.in_app ?? true, push: row?.push ?? true }
    }),
    devices,
  }
}

/** Saves the kinds sent (the others keep their setting); a kind twice is ambiguous, so refused. */
export async function savePreferences(
  tx: Tx,
  tenant: string,
  user: string,
  items: NotificationPreference[],
): Promise<NotificationPreferences> {
  const seen = new Set<NotificationKind>()
  items.forEach((item, i) => {
    if (seen.has(item.kind)) {
      throw new ValidationFailed([
        { field: `items.${i}.kind`, code: 'duplicate', message: 'Each kind once' },
      ])
    }
    seen.add(item.kind)
  })
  for (const item of items) {
    await tx`
      insert into public.notification_preferences (tenant_id, user_id, kind, in_app, push)
      values (${tenant}, ${user}, ${item.kind}, ${item.in_app}, ${item.push})
      on conflict (tenant_id, user_id, kind) do update set in_app = excluded.in_app, push = excluded.push`
  }
  return await getPreferences(tx, tenant, user)
}
