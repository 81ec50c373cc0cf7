import { QueryClient } from '@tanstack/react-query'
import { describe, expect, it } from 'vitest'
import type { CallDetail, CallSummary } from '@shared/contracts/calls.ts'
import { callDetail, callSummary, TENANT_ID } from '../testing.tsx'
import { applyCallChange, applyTranscript, callFromBroadcast, transcriptFromBroadcast } from './cache.ts'
import { callKeys } from './keys.ts'

type Pages = { pages: { items: CallSummary[]; next_cursor: string | null }[]; pageParams: unknown[] }

function client() {
  return new QueryClient({ defaultOptions: { queries: { retry: false } } })
}

const pages = (...items: CallSummary[][]): Pages => ({
  pages: items.map((page, i) => ({ items: page, next_cursor: i < items.length - 1 ? `c${i}` : null })),
  pageParams: items.map((_, i) => i === 0 ? undefined : `c${i - 1}`),
})

describe('callFromBroadcast', () => {
  it('reads the trigger’s payload as a CallSummary, timestamps normalized to UTC', () => {
    const call = callSummary()
    const payload = { ...call, started_at: '2026-11-20T10:15:00.123+01:00', ended_at: null, cost: '0.25' }
    expect(callFromBroadcast(payload)).toEqual({
      ...call,
      started_at: '2026-11-20T09:15:00.123Z',
      ended_at: null,
      cost: 0.25,
    })
  })

  it('refuses what is not a call', () => {
    expect(callFromBroadcast({ id: 'x' })).toBeNull()
    expect(callFromBroadcast(null)).toBeNull()
  })
})

describe('applyCallChange', () => {
  it('adds a new live call to the live list and on top of the unfiltered list', async () => {
    const queryClient = client()
    const old = callSummary()
    queryClient.setQueryData(callKeys.live(TENANT_ID), { items: [] })
    queryClient.setQueryData(callKeys.list(TENANT_ID, {}), pages([old], [callSummary()]))
    const ringing = callSummary({ status: 'ringing', ended_at: null, started_at: '2026-11-22T10:00:00.000Z' })

    await applyCallChange(queryClient, TENANT_ID, ringing)

    expect(queryClient.getQueryData(callKeys.live(TENANT_ID))).toEqual({ items: [ringing] })
    const list = queryClient.getQueryData<Pages>(callKeys.list(TENANT_ID, {}))!
    expect(list.pages[0].items.map((c) => c.id)).toEqual([ringing.id, old.id])
    expect(list.pages[1].items).toHaveLength(1)
  })

  it('updates a known call where it is, and drops it from the live list once it ended', async () => {
    const queryClient = client()
    const live = callSummary({ status: 'in-progress', ended_at: null })
    const other = callSummary()
    queryClient.setQueryData(callKeys.live(TENANT_ID), { items: [live] })
    queryClient.setQueryData(callKeys.list(TENANT_ID, {}), pages([live, other]))
    const filtered = callKeys.list(TENANT_ID, { assistant_id: live.assistant_id! })
    queryClient.setQueryData(filtered, pages([live]))

    const ended = { ...live, status: 'ended' as const, ended_at: '2026-11-20T09:20:00.000Z', duration_s: 300 }
    await applyCallChange(queryClient, TENANT_ID, ended)

    expect(queryClient.getQueryData(callKeys.live(TENANT_ID))).toEqual({ items: [] })
    expect(queryClient.getQueryData<Pages>(callKeys.list(TENANT_ID, {}))!.pages[0].items).toEqual([ended, other])
    expect(queryClient.getQueryData<Pages>(filtered)!.pages[0].items).toEqual([ended])
  })

  it('does not guess whether a filtered list holds a new call: it is read again', async () => {
    const queryClient = client()
    const filtered = callKeys.list(TENANT_ID, { q: 'appointment' })
    queryClient.setQueryData(filtered, pages([callSummary()]))
    const call = callSummary()
    await applyCallChange(queryClient, TENANT_ID, call)
    expect(queryClient.getQueryData<Pages>(filtered)!.pages[0].items).toHaveLength(1)
    expect(queryClient.getQueryState(filtered)!.isInvalidated).toBe(true)
  })

  it('merges the fields into the detail, reads it again when the call ended, and refreshes the overview', async () => {
    const queryClient = client()
    const detail = callDetail({ status: 'in-progress', ended_at: null, summary: null })
    queryClient.setQueryData(callKeys.detail(TENANT_ID, detail.id), detail)
    const range = callKeys.overview(TENANT_ID, { from: '2026-11-01', to: '2026-11-30' })
    queryClient.setQueryData(range, { total: 0 })

    const { transcript: _t, messages: _m, structured_data: _s, costs: _c, recording: _r, events: _e, ...summary } =
      detail
    const ended: CallSummary = { ...summary, status: 'ended', ended_at: '2026-11-20T09:20:00.000Z' }
    await applyCallChange(queryClient, TENANT_ID, ended)

    const after = queryClient.getQueryData<CallDetail>(callKeys.detail(TENANT_ID, detail.id))!
    expect(after.status).toBe('ended')
    expect(after.messages).toEqual(detail.messages)
    expect(queryClient.getQueryState(callKeys.detail(TENANT_ID, detail.id))!.isInvalidated).toBe(true)
    expect(queryClient.getQueryState(range)!.isInvalidated).toBe(true)
  })
})

describe('applyTranscript', () => {
  it('adds a line said during a live call to its detail, once', () => {
    const queryClient = client()
    const detail = callDetail({ status: 'in-progress', ended_at: null, messages: [] })
    queryClient.setQueryData(callKeys.detail(TENANT_ID, detail.id), detail)
    const line = transcriptFromBroadcast({ call_id: detail.id, role: 'assistant', text: 'Hello!' })!
    const answer = transcriptFromBroadcast({ call_id: detail.id, role: 'user', text: 'Hi', seconds_from_start: 2.5 })!
    applyTranscript(queryClient, TENANT_ID, line)
    applyTranscript(queryClient, TENANT_ID, answer)
    // The conversation update repeats what the transcripts said.
    applyTranscript(queryClient, TENANT_ID, line)
    applyTranscript(queryClient, TENANT_ID, answer)
    const messages = queryClient.getQueryData<CallDetail>(callKeys.detail(TENANT_ID, detail.id))!.messages
    expect(messages).toHaveLength(2)
    expect(messages[0]).toMatchObject({ role: 'bot', message: 'Hello!' })
    expect(messages[1]).toMatchObject({ role: 'user', message: 'Hi', seconds_from_start: 2.5 })
  })

  it('ignores malformed lines', () => {
    expect(transcriptFromBroadcast({ call_id: 'x', role: 'user' })).toBeNull()
    expect(transcriptFromBroadcast({ call_id: 'x', role: 'user', text: '  ' })).toBeNull()
  })
})
