/**
 * The signed-in member's notifications in a tenant (the bell): the list with the unread count, marking read,
 * and which kinds they want in the app and on their phones. The webhook and the jobs create notifications;
 * this function only reads and marks them.
 */
import { notificationsContract } from '../../../shared/contracts/notifications.ts'
import { defineFunction } from '../_shared/function.ts'
import { listNotifications, markRead } from './inbox.ts'
import { getPreferences, savePreferences } from './preferences.ts'

export default defineFunction({
  contract: notificationsContract,
  operations: {
    list: ({ tx, tenant, claims, input }) => listNotifications(tx, tenant, claims.sub, input.query),

    markRead: ({ tx, tenant, claims, input }) => markRead(tx, tenant, claims.sub, input.body),

    getPreferences: ({ tx, tenant, claims }) => getPreferences(tx, tenant, claims.sub),

    savePreferences: ({ tx, tenant, claims, input }) =>
      savePreferences(tx, tenant, claims.sub, input.body.items),
  },
})
