/** Fixtures for the calls feature's tests: calls that satisfy the contract's schemas, and a render with providers. */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render } from '@testing-library/react'
import type { ReactNode } from 'react'
import { MemoryRouter, useLocation } from 'react-router'
import { CallDetail, CallSummary } from '@shared/contracts/calls.ts'

export const TENANT_ID = '00000000-0000-4000-8000-000000000001'
export const ASSISTANT_ID = '00000000-0000-4000-8000-0000000000a1'
export const NUMBER_ID = '00000000-0000-4000-8000-0000000000b1'

let sequence = 0

/** A call as the list shows it, checked against the contract. */
export function callSummary(fields: Partial<CallSummary> = {}): CallSummary {
  sequence++
  return CallSummary.parse({
    id: `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    vapi_call_id: `vapi-${sequence}`,
    status: 'ended',
    direction: 'inbound',
    from_number: '+33612345678',
    to_number: '+14155550123',
    assistant_id: ASSISTANT_ID,
    workflow_id: null,
    phone_number_id: NUMBER_ID,
    started_at: '2026-11-20T09:15:00.000Z',
    ended_at: '2026-11-20T09:17:05.000Z',
    duration_s: 125,
    cost: 0.1234,
    ended_reason: 'customer-ended-call',
    summary: 'Booked an appointment for Tuesday morning.',
    success_evaluation: 'true',
    recording_state: 'stored',
    ...fields,
  })
}

export function callDetail(fields: Partial<CallDetail> = {}): CallDetail {
  const summary = callSummary(fields)
  return CallDetail.parse({
    ...summary,
    transcript: 'AI: Hello\nUser: Hi',
    messages: [
      { role: 'bot', message: 'Hello, how can I help you?', seconds_from_start: 0.5, duration_s: 2 },
      { role: 'user', message: 'I would like an appointment.', seconds_from_start: 4, duration_s: 2.5 },
      { role: 'bot', message: 'Of course. Tuesday at nine?', seconds_from_start: 7.25, duration_s: 2 },
    ],
    structured_data: { name: 'Jordan Miller', urgent: false },
    costs: [
      { type: 'transport', provider: 'twilio', cost: 0.02, minutes: 2.08 },
      { type: 'model', provider: 'openai', cost: 0.1034, minutes: null },
    ],
    recording: {
      state: 'stored',
      url: 'https://storage.test/recordings/1.wav?token=first',
      expires_at: new Date(Date.now() + 10 * 60_000).toISOString(),
      content_type: 'audio/wav',
      error: null,
    },
    events: [
      { id: '1', type: 'status-update', received_at: '2026-11-20T09:15:00.000Z', payload: { status: 'ringing' } },
    ],
    ...fields,
  })
}

/** Shows the router's current location (path and query string) so tests can read the URL. */
function Location() {
  const location = useLocation()
  return <output data-testid='location'>{location.pathname + location.search}</output>
}

export function renderWithProviders(ui: ReactNode, { path = '/calls', queryClient }: {
  path?: string
  queryClient?: QueryClient
} = {}) {
  const client = queryClient ?? new QueryClient({ defaultOptions: { queries: { retry: false } } })
  const result = render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[path]}>
        {ui}
        <Location />
      </MemoryRouter>
    </QueryClientProvider>,
  )
  return { ...result, queryClient: client }
}
