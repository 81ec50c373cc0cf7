/**
 * The tenant's calls, live: one private Realtime channel per tenant (`tenant:<id>:calls`, authorized by the
 * RLS policies on realtime.messages for members who read calls), shared by every component that asks for it
 * and left when the last one unmounts or the tenant changes. Its messages update the react-query caches
 * (cache.ts); a (re)subscription reads the live calls again, for what was said while it was not listening.
 */
import { type QueryClient, useQueryClient } from '@tanstack/react-query'
import { type RealtimeChannel, REALTIME_SUBSCRIBE_STATES as STATES } from '@supabase/supabase-js'
import { useEffect, useState } from 'react'
import { supabase } from '@/lib/supabase.ts'
import { applyCallChange, applyTranscript, callFromBroadcast, transcriptFromBroadcast } from './cache.ts'
import { callKeys } from './keys.ts'

export type RealtimeStatus = 'connecting' | 'live' | 'offline'

export const callsTopic = (tenantId: string) => `tenant:${tenantId}:calls`

interface Subscription {
  channel: RealtimeChannel | null
  users: number
  status: RealtimeStatus
  listeners: Set<(status: RealtimeStatus) => void>
  closed: boolean
  /** The leave scheduled when the last user went (cancelled if another comes first). */
  leaving?: ReturnType<typeof setTimeout>
}

const subscriptions = new Map<string, Subscription>()
/** Channels being left: realtime-js hands back a channel of the same topic until its leave is acknowledged. */
const departures = new Map<string, Promise<unknown>>()
/** Going from the list to a call and back keeps the channel rather than leaving and joining again. */
const LEAVE_AFTER_MS = 2_000

function setStatus(subscription: Subscription, status: RealtimeStatus) {
  subscription.status = status
  subscription.listeners.forEach((listener) => listener(status))
}

async function open(queryClient: QueryClient, tenantId: string, subscription: Subscription) {
  // The socket must carry the user's access token, not the anon key, or the private channel is refused:
  // supabase-js hands realtime the session's token through its accessToken callback; waiting for it here
  // makes sure the join carries it.
  await Promise.all([supabase.realtime.setAuth(), departures.get(tenantId)]).catch(() => undefined)
  if (subscription.closed) return
  const channel = supabase.channel(callsTopic(tenantId), { config: { private: true } })
    .on('broadcast', { event: 'call_changed' }, ({ payload }) => {
      const call = callFromBroadcast(payload)
      if (call) void applyCallChange(queryClient, tenantId, call)
    })
    .on('broadcast', { event: 'transcript' }, ({ payload }) => {
      const line = transcriptFromBroadcast(payload)
      if (line) applyTranscript(queryClient, tenantId, line)
    })
  subscription.channel = channel
  channel.subscribe((state) => {
    if (state === STATES.SUBSCRIBED) {
      setStatus(subscription, 'live')
      void queryClient.invalidateQueries({ queryKey: callKeys.live(tenantId) })
    } else if (state === STATES.CHANNEL_ERROR || state === STATES.TIMED_OUT) {
      setStatus(subscription, 'offline')
    } else if (state === STATES.CLOSED && !subscription.closed) {
      setStatus(subscription, 'offline')
    }
  })
}

/** Joins the tenant's channel (or shares the joined one); returns the leave. */
export function subscribeToCalls(
  queryClient: QueryClient,
  tenantId: string,
  onStatus: (status: RealtimeStatus) => void,
): () => void {
  let subscription = subscriptions.get(tenantId)
  if (!subscription) {
    subscription = { channel: null, users: 0, status: 'connecting', listeners: new Set(), closed: false }
    subscriptions.set(tenantId, subscription)
    void open(queryClient, tenantId, subscription)
  }
  const current = subscription
  clearTimeout(current.leaving)
  current.users++
  current.listeners.add(onStatus)
  onStatus(current.status)
  return () => {
    current.listeners.delete(onStatus)
    if (--current.users > 0) return
    current.leaving = setTimeout(() => leave(tenantId, current), LEAVE_AFTER_MS)
  }
}

function leave(tenantId: string, subscription: Subscription) {
  subscription.closed = true
  subscriptions.delete(tenantId)
  if (!subscription.channel) return
  const departure = supabase.removeChannel(subscription.channel).finally(() => {
    if (departures.get(tenantId) === departure) departures.delete(tenantId)
  })
  departures.set(tenantId, departure)
}

/** Keeps the tenant's calls caches live while the component is mounted; answers the channel's state. */
export function useCallsRealtime(tenantId: string): RealtimeStatus {
  const queryClient = useQueryClient()
  const [status, setStatusState] = useState<RealtimeStatus>('connecting')
  useEffect(() => subscribeToCalls(queryClient, tenantId, setStatusState), [queryClient, tenantId])
  return status
}
