/** A member's notifications rows as the bell shows them. */
import type { Notification, NotificationKind } from '../../../shared/contracts/notifications.ts'

export interface NotificationRow {
  id: string
  kind: NotificationKind
  title: string
  body: string | null
  call_id: string | null
  read_at: Date | null
  created_at: Date
  /** created_at with its microseconds, for the cursor. */
  sort_at: string
}

export const NOTIFICATION_COLUMNS = [
  'id',
  'kind',
  'title',
  'body',
  'call_id',
  'read_at',
  'created_at',
] as const satisfies readonly (keyof NotificationRow)[]

export function toNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    call_id: row.call_id,
    read_at: row.read_at?.toISOString() ?? null,
    created_at: row.created_at.toISOString(),
  }
}
