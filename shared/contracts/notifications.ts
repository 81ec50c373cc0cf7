/**
 * The `notifications` function's route table: the signed-in member's in-app notifications in a tenant (the
 * bell), marking them read, and which notifications they want in the app and on their phones.
 */
import { z } from 'zod'
import { ListQuery, page } from './pagination.ts'
import { defineContract } from './route.ts'

export const NOTIFICATION_KINDS = ['call_completed', 'call_missed'] as const
export const NotificationKind = z.enum(NOTIFICATION_KINDS).describe(
  'call_completed: a call ended with a conversation; call_missed: nobody spoke (no answer, busy, failed)',
)
export type NotificationKind = z.infer<typeof NotificationKind>

export const Notification = z.object({
  id: z.uuid(),
  kind: NotificationKind,
  title: z.string(),
  body: z.string().nullable(),
  call_id: z.uuid().nullable(),
  read_at: z.iso.datetime().nullable(),
  created_at: z.iso.datetime(),
})
export type Notification = z.infer<typeof Notification>

export const NotificationsPage = page(Notification).extend({
  unread: z.int().min(0).describe('Unread notifications in this tenant'),
})
export type NotificationsPage = z.infer<typeof NotificationsPage>

export const MarkReadBody = z.union([
  z.object({ ids: z.array(z.uuid()).min(1).max(100) }),
  z.object({ all: z.literal(true) }),
])
export type MarkReadBody = z.infer<typeof MarkReadBody>

export const NotificationPreference = z.object({
  kind: NotificationKind,
  in_app: z.boolean(),
  push: z.boolean(),
})
export type NotificationPreference = z.infer<typeof NotificationPreference>

export const NotificationPreferences = z.object({
  items: z.array(NotificationPreference).describe('One per kind'),
  devices: z.int().min(0).describe('Phones registered for push notifications by this user'),
})
export type NotificationPreferences = z.infer<typeof NotificationPreferences>

export const SavePreferencesBody = z.object({ items: z.array(NotificationPreference).min(1).max(10) })

export const notificationsContract = defineContract({
  name: 'notifications',
  summary: "The signed-in member's notifications in a tenant and their preferences",
  routes: {
    list: {
      method: 'GET',
      path: '/',
      summary: 'My notifications, newest first, with the unread count',
      access: 'calls.read',
      query: ListQuery,
      response: NotificationsPage,
    },
    markRead: {
      method: 'POST',
      path: '/read',
      summary: 'Mark some (ids) or all of my notifications read',
      access: 'calls.read',
      body: MarkReadBody,
      response: z.object({ unread: z.int().min(0) }),
    },
    getPreferences: {
      method: 'GET',
      path: '/preferences',
      summary: 'Which notifications I want, in the app and on my phones',
      access: 'calls.read',
      response: NotificationPreferences,
    },
    savePreferences: {
      method: 'PUT',
      path: '/preferences',
      summary: 'Choose which notifications I want',
      access: 'calls.read',
      body: SavePreferencesBody,
      response: NotificationPreferences,
    },
  },
})
