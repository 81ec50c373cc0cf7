import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, type Mock, vi } from 'vitest'
import { callsContract } from '@shared/contracts/calls.ts'
import type { Permission } from '@shared/permissions.ts'
import { callFunction } from '@/lib/functions.ts'
import { ASSISTANT_ID, callSummary, NUMBER_ID, renderWithProviders, TENANT_ID } from '../testing.tsx'
import { CallsPage } from './calls-page.tsx'

const permissions = vi.hoisted(() => ({ current: [] as string[] }))
vi.mock('@/features/tenants/index.ts', () => ({
  useCurrentTenant: () => ({
    tenant: { id: TENANT_ID, country: 'FR', timezone: 'Europe/Paris', permissions: permissions.current },
  }),
  useCan: (p: Permission) => permissions.current.includes(p),
}))
vi.mock('@/features/assistants/index.ts', () => ({
  useAssistants: () => ({ data: [{ id: ASSISTANT_ID, name: 'Reception desk' }] }),
}))
vi.mock('@/features/numbers/index.ts', () => ({
  useNumbers: () => ({ data: [{ id: NUMBER_ID, number: '+14155550123', name: 'Main line' }] }),
}))
vi.mock('../api/realtime.ts', () => ({ useCallsRealtime: () => 'live' }))
vi.mock('@/lib/functions.ts', async (importOriginal) => ({
  ...await importOriginal<typeof import('@/lib/functions.ts')>(),
  callFunction: vi.fn(),
}))

const routes = callsContract.routes
/** callFunction, answering by route with the fixtures. */
const callApi = callFunction as unknown as Mock<(route: unknown, args: unknown) => Promise<unknown>>
const ended = callSummary({ summary: 'Booked an appointment for Tuesday morning.' })
const missed = callSummary({
  from_number: '+4915112345678',
  ended_reason: 'customer-did-not-answer',
  summary: null,
  success_evaluation: null,
  duration_s: 0,
  cost: 0,
})
const ringing = callSummary({
  status: 'ringing',
  from_number: '+33698765432',
  ended_at: null,
  duration_s: null,
  cost: null,
  ended_reason: null,
  summary: null,
  success_evaluation: null,
  recording_state: 'none',
})

let live = [ringing]
let listed = [ringing, ended, missed]

beforeEach(() => {
  permissions.current = ['calls.read', 'calls.export']
  live = [ringing]
  listed = [ringing, ended, missed]
  callApi.mockImplementation((route) => {
    if (route === routes.liveCalls) return Promise.resolve({ items: live })
    if (route === routes.listCalls) return Promise.resolve({ items: listed, next_cursor: null })
    return Promise.reject(new Error(`unexpected call to ${(route as { path: string }).path}`))
  })
})

afterEach(() => {
  vi.useRealTimers()
  callApi.mockReset()
})

describe('CallsPage', () => {
  it('lists the live call on top, then the past calls with their numbers, assistant and ended reason in words', async () => {
    renderWithProviders(<CallsPage />)
    const liveList = await screen.findByRole('list', { name: '1 call in progress' })
    expect(within(liveList).getByText('06 98 76 54 32')).toBeInTheDocument()
    expect(within(liveList).getByText('Ringing')).toBeInTheDocument()

    const table = await screen.findByRole('table', { name: 'Past calls, newest first' })
    const rows = within(table).getAllByRole('row').slice(1)
    // The live call is not repeated among the past ones.
    expect(rows).toHaveLength(2)
    // The tenant's own country reads nationally, others internationally.
    expect(within(rows[0]).getByRole('link', { name: '06 12 34 56 78' })).toHaveAttribute('href', `/calls/${ended.id}`)
    expect(within(rows[0]).getByText('Booked an appointment for Tuesday morning.')).toBeInTheDocument()
    expect(within(rows[0]).getByText('Reception desk')).toBeInTheDocument()
    expect(within(rows[0]).getByText('+1 415 555 0123')).toBeInTheDocument()
    expect(within(rows[0]).getByText('2:05')).toBeInTheDocument()
    expect(within(rows[0]).getByText('$0.123')).toBeInTheDocument()
    expect(within(rows[0]).getByText('Customer hung up')).toHaveAttribute('title', 'customer-ended-call')
    expect(within(rows[0]).getByText('Successful')).toBeInTheDocument()
    expect(within(rows[1]).getByRole('link', { name: '+49 1511 2345678' })).toBeInTheDocument()
    expect(within(rows[1]).getByText('No answer')).toBeInTheDocument()
  })

  it('reads its filters from the query string and sends them to the API', async () => {
    renderWithProviders(<CallsPage />, { path: `/calls?reason=customer-busy&assistant=${ASSISTANT_ID}&success=bogus` })
    await screen.findByRole('table')
    const listCall = callApi.mock.calls.find(([route]) => route === routes.listCalls)!
    expect(listCall[1]).toMatchObject({
      tenantId: TENANT_ID,
      query: { ended_reason: 'customer-busy', assistant_id: ASSISTANT_ID, limit: 50 },
    })
    // A value the API would refuse is dropped.
    expect((listCall[1] as { query: object }).query).not.toHaveProperty('success')
    expect(screen.getByLabelText('How it ended')).toHaveValue('customer-busy')
  })

  it('puts every filter in the query string, the search once typing pauses', async () => {
    renderWithProviders(<CallsPage />)
    await screen.findByRole('table')
    fireEvent.change(screen.getByLabelText('Assistant'), { target: { value: ASSISTANT_ID } })
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-11-01' } })
    fireEvent.change(screen.getByLabelText('Success'), { target: { value: 'false' } })
    const location = screen.getByTestId('location')
    expect(location.textContent).toBe(`/calls?assistant=${ASSISTANT_ID}&from=2026-11-01&success=false`)

    fireEvent.change(screen.getByRole('searchbox', { name: 'Search the transcripts and summaries' }), {
      target: { value: 'appointment' },
    })
    expect(location.textContent).not.toContain('q=')
    await waitFor(() => expect(location.textContent).toContain('q=appointment'))
    await waitFor(() =>
      expect(callApi.mock.calls.some(([route, args]) =>
        route === routes.listCalls && (args as { query: { q?: string } }).query.q === 'appointment'
      )).toBe(true)
    )

    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }))
    expect(location.textContent).toBe('/calls')
    expect(screen.getByRole('searchbox')).toHaveValue('')
  })

  it('offers the CSV export only to members who may export', async () => {
    const { unmount } = renderWithProviders(<CallsPage />)
    await screen.findByRole('table')
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeInTheDocument()
    unmount()

    permissions.current = ['calls.read']
    renderWithProviders(<CallsPage />)
    await screen.findByRole('table')
    expect(screen.queryByRole('button', { name: 'Export CSV' })).not.toBeInTheDocument()
  })

  it('leads to a test call when there is no call at all', async () => {
    live = []
    listed = []
    renderWithProviders(<CallsPage />)
    await screen.findByRole('heading', { name: 'No calls yet' })
    expect(screen.getByRole('link', { name: 'Start a test call' })).toHaveAttribute('href', `/assistants/${ASSISTANT_ID}`)
    expect(screen.queryByRole('button', { name: 'Export CSV' })).not.toBeInTheDocument()
  })

  it('says when no call matches the filters, and clears them', async () => {
    listed = []
    live = []
    renderWithProviders(<CallsPage />, { path: '/calls?q=nothing' })
    await screen.findByRole('heading', { name: 'No call matches these filters' })
    await act(() => fireEvent.click(screen.getAllByRole('button', { name: 'Clear filters' })[0]))
    expect(screen.getByTestId('location').textContent).toBe('/calls')
  })
})
