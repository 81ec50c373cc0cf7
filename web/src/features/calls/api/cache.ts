/**
 * What a realtime message changes in the cache. `call_changed` carries the list's fields of one call (the
 * `private.broadcast_call()` trigger): the live list gains, updates or loses it, the lists show its new state,
 * the detail takes its fields (and is read again when what only the detail holds changed: the transcript,
 * costs and recording come with the end of the call), and the overview's figures are read again.
 * `transcript` carries one line said during a live call, added to its detail.
 */
import type { InfiniteData, QueryClient } from '@tanstack/react-query'
import { type CallDetail, type CallMessage, CallSummary } from '@shared/contracts/calls.ts'
import type { Page } from '@shared/contracts/pagination.ts'
import { callKeys } from './keys.ts'

type LiveCalls = { items: CallSummary[] }
type CallPages = InfiniteData<Page<CallSummary>, string | undefined>

const TIMESTAMPS = ['started_at', 'ended_at'] as const

/**
 * A broadcast payload as a CallSummary, or null when it is not one. Postgres writes timestamps with an offset
 * (`2026-11-22T10:00:00.123+00:00`) where the API writes `Z`: they are normalized before the contract's check.
 */
export function callFromBroadcast(payload: unknown): CallSummary | null {
  if (!payload || typeof payload !== 'object') return null
  const fields: Record<string, unknown> = { ...(payload as Record<string, unknown>) }
  for (const key of TIMESTAMPS) {
    const value = fields[key]
    if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) {
      fields[key] = new Date(value).toISOString()
    }
  }
  if (typeof fields.cost === 'string') fields.cost = Number(fields.cost)
  const parsed = CallSummary.safeParse(fields)
  return parsed.success ? parsed.data : null
}

const newestFirst = (a: CallSummary, b: CallSummary) => Date.parse(b.started_at) - Date.parse(a.started_at)

/** Applies one `call_changed` to every cache that shows the call. */
export async function applyCallChange(queryClient: QueryClient, tenantId: string, call: CallSummary) {
  const live = call.status !== 'ended'

  queryClient.setQueryData<LiveCalls>(callKeys.live(tenantId), (data) => {
    if (!data) return data
    const others = data.items.filter((c) => c.id !== call.id)
    return { items: live ? [...others, call].sort(newestFirst) : others }
  })

  let unseenInFilteredList = false
  for (const [key, data] of queryClient.getQueriesData<CallPages>({ queryKey: callKeys.lists(tenantId) })) {
    if (!data) continue
    const filters = key[3] as Record<string, unknown> | undefined
    const filtered = !!filters && Object.keys(filters).length > 0
    const known = data.pages.some((page) => page.items.some((c) => c.id === call.id))
    if (known) {
      queryClient.setQueryData<CallPages>(key, {
        ...data,
        pages: data.pages.map((page) => ({
          ...page,
          items: page.items.map((c) => c.id === call.id ? call : c),
        })),
      })
    } else if (!filtered && data.pages.length > 0) {
      // The unfiltered list shows every call: a new one goes on top of its first page.
      const [first, ...rest] = data.pages
      queryClient.setQueryData<CallPages>(key, { ...data, pages: [{ ...first, items: [call, ...first.items] }, ...rest] })
    } else if (filtered) {
      // Whether a filtered list (a search in transcripts…) holds a new call only the server can tell.
      unseenInFilteredList = true
    }
  }

  const detailKey = callKeys.detail(tenantId, call.id)
  const before = queryClient.getQueryData<CallDetail>(detailKey)
  if (before) {
    queryClient.setQueryData<CallDetail>(detailKey, { ...before, ...call })
  }

  const refreshes: Promise<unknown>[] = [queryClient.invalidateQueries({ queryKey: callKeys.overviews(tenantId) })]
  if (
    before &&
    (before.status !== call.status || before.recording_state !== call.recording_state ||
      before.summary !== call.summary || before.cost !== call.cost)
  ) {
    refreshes.push(queryClient.invalidateQueries({ queryKey: detailKey }))
  }
  if (unseenInFilteredList && !live) {
    refreshes.push(queryClient.invalidateQueries({
      queryKey: callKeys.lists(tenantId),
      predicate: (query) => {
        const filters = query.queryKey[3] as Record<string, unknown> | undefined
        return !!filters && Object.keys(filters).length > 0
      },
    }))
  }
  await Promise.all(refreshes)
}

export interface TranscriptLine {
  call_id: string
  role: string
  text: string
  /** Where it starts in the call, when Vapi said. */
  seconds_from_start?: number
}

export function transcriptFromBroadcast(payload: unknown): TranscriptLine | null {
  if (!payload || typeof payload !== 'object') return null
  const { call_id, role, text, seconds_from_start: at } = payload as Record<string, unknown>
  if (typeof call_id !== 'string' || typeof role !== 'string' || typeof text !== 'string' || !text.trim()) {
    return null
  }
  return { call_id, role, text, ...(typeof at === 'number' && Number.isFinite(at) ? { seconds_from_start: at } : {}) }
}

/**
 * Adds a line said during a live call to its detail, when the detail is in the cache. The webhook sends a
 * line for a final transcript and again for the conversation update that carries it: a line already among
 * the last few is not added twice.
 */
export function applyTranscript(queryClient: QueryClient, tenantId: string, line: TranscriptLine) {
  queryClient.setQueryData<CallDetail>(callKeys.detail(tenantId, line.call_id), (detail) => {
    if (!detail || detail.status === 'ended') return detail
    const role = line.role === 'assistant' ? 'bot' : line.role
    if (detail.messages.slice(-4).some((m) => m.role === role && m.message === line.text)) return detail
    const message: CallMessage = {
      role,
      message: line.text,
      seconds_from_start: line.seconds_from_start ??
        Math.max(0, (Date.now() - Date.parse(detail.started_at)) / 1000),
      duration_s: null,
    }
    return { ...detail, messages: [...detail.messages, message] }
  })
}
