/**
 * The signed-in user's notifications, live: one private Realtime channel per user (`user:<id>:notifications`,
 * authorized by the RLS policies on realtime.messages for that user only), fed by the
 * `private.broadcast_notification()` trigger. The topic is the user's, so it carries every tenant's
 * notifications: the listener keeps the current tenant's. A (re)subscription reads the recent ones again, for
 * what came while it was not listening.
 */
import { useQueryClient } from '@tanstack/react-query'
import { type RealtimeChannel, REALTIME_SUBSCRIBE_STATES } from '@supabase/supabase-js'
import { useEffect, useEffectEvent } from 'react'
import type { Notification } from '@shared/contracts/notifications.ts'
import { supabase } from '@/lib/supabase.ts'
import { addIncoming, type IncomingNotification, notificationFromBroadcast } from './cache.ts'
import { notificationKeys } from './keys.ts'

export const notificationsTopic = (userId: string) => `user:${userId}:notifications`

interface Listener {
  onNotification: (incoming: IncomingNotification) => void
  /** Each time the channel is joined (again): what was sent meanwhile was missed. */
  onJoined: () => void
}

interface Subscription {
  channel: RealtimeChannel | null
  listeners: Set<Listener>
  closed: boolean
  /** The leave scheduled when the last listener went (cancelled if another comes first: StrictMode's remount). */
  leaving?: ReturnType<typeof setTimeout>
}

const subscriptions = new Map<string, Subscription>()
/** Channels being left: realtime-js hands back a channel of the same topic until its leave is acknowledged. */
const departures = new Map<string, Promise<unknown>>()

async function open(userId: string, subscription: Subscription) {
  // The join must carry the user's access token, not the anon key, or the private channel is refused:
  // supabase-js gives realtime the session's token through its accessToken callback (and pushes refreshed
  // ones on TOKEN_REFRESHED); setAuth() without a token reads it now, so the join carries it.
  await Promise.all([supabase.realtime.setAuth(), departures.get(userId)]).catch(() => undefined)
  if (subscription.closed) return
  const channel = supabase.channel(notificationsTopic(userId), { config: { private: true } })
    .on('broadcast', { event: 'notification' }, ({ payload }) => {
      const incoming = notificationFromBroadcast(payload)
      if (incoming) subscription.listeners.forEach((listener) => listener.onNotification(incoming))
    })
  subscription.channel = channel
  channel.subscribe((state) => {
    if (state === REALTIME_SUBSCRIBE_STATES.SUBSCRIBED) subscription.listeners.forEach((listener) => listener.onJoined())
  })
}

/** Joins the user's channel (or shares the joined one); returns the leave. */
export function subscribeToNotifications(userId: string, listener: Listener): () => void {
  let subscription = subscriptions.get(userId)
  if (!subscription) {
    subscription = { channel: null, listeners: new Set(), closed: false }
    subscriptions.set(userId, subscription)
    void open(userId, subscription)
  }
  const current = subscription
  clearTimeout(current.leaving)
  current.listeners.add(listener)
  return () => {
    current.listeners.delete(listener)
    if (current.listeners.size > 0) return
    current.leaving = setTimeout(() => leave(userId, current))
  }
}

function leave(userId: string, subscription: Subscription) {
  subscription.closed = true
  subscriptions.delete(userId)
  if (!subscription.channel) return
  const departure = supabase.removeChannel(subscription.channel).finally(() => {
    if (departures.get(userId) === departure) departures.delete(userId)
  })
  departures.set(userId, departure)
}

/**
 * Keeps the bell's cache live while mounted: a notification of the current tenant goes on top of the list and
 * into the unread count (another tenant's is left for when the member switches to it), and `onNew` hears of
 * each new one (the toast).
 */
export function useNotificationsRealtime(
  userId: string | undefined,
  tenantId: string,
  onNew: (notification: Notification) => void,
) {
  const queryClient = useQueryClient()
  const received = useEffectEvent((incoming: IncomingNotification) => {
    if (incoming.tenantId !== tenantId) return
    if (addIncoming(queryClient, tenantId, incoming.notification)) onNew(incoming.notification)
  })
  const joined = useEffectEvent(() => {
    void queryClient.invalidateQueries({ queryKey: notificationKeys.recent(tenantId) })
  })
  useEffect(() => {
    if (!userId) return
    return subscribeToNotifications(userId, {
      onNotification: (incoming) => received(incoming),
      onJoined: () => joined(),
    })
  }, [userId])
}
