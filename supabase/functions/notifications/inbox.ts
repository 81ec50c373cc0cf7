/**
 * The bell: the signed-in member's notifications in the current tenant, newest first, and marking them read.
 * RLS already limits the rows to the member's own in tenants they belong to; the explicit user and tenant
 * filters are there for the indexes (notifications_user_idx, notifications_unread_idx).
 */
import type { MarkReadBody } from '../../../shared/contracts/notifications.ts'
import type { ListQuery } from '../../../shared/contracts/pagination.ts'
import type { Tx } from '../_shared/db.ts'
import { afterNewest, newestKey, newestOrder, newestSortAt, toPage } from '../_shared/pagination.ts'
import { NOTIFICATION_COLUMNS, type NotificationRow, toNotification } from './rows.ts'

export async function unreadCount(tx: Tx, tenant: string, user: string): Promise<number> {
  const [{ unread }] = await tx<{ unread: number }[]>`
    select count(*)::int as unread from public.notifications
    where user_id = ${user} and tenant_id = ${tenant} and read_at is null`
  return unread
}

export async function listNotifications(tx: Tx, tenant: string, user: string, query: ListQuery) {
  const rows = await tx<NotificationRow[]>`
    select ${tx(NOTIFICATION_COLUMNS.map((c) => `n.${c}`))}, ${newestSortAt(tx, 'n')} as sort_at
    from public.notifications n
    where n.user_id = ${user} and n.tenant_id = ${tenant} and ${afterNewest(tx, query.cursor, 'n')}
    order by ${newestOrder(tx, 'n')}
    limit ${query.limit + 1}`
  return {
    ...toPage(rows, query.limit, toNotification, newestKey),
    unread: await unreadCount(tx, tenant, user),
  }
}

/** Marks some or all read (ids of another user or tenant match nothing); answers what stays unread. */
export async function markRead(tx: Tx, tenant: string, user: string, body: MarkReadBody) {
  const which = 'ids' in body ? tx`and id = any(${body.ids}::uuid[])` : tx``
  await tx`
    update public.notifications set read_at = now()
    where user_id = ${user} and tenant_id = ${tenant} and read_at is null ${which}`
  return { unread: await unreadCount(tx, tenant, user) }
}
