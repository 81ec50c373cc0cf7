import { fireEvent, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, type Mock, vi } from 'vitest'
import { callsContract } from '@shared/contracts/calls.ts'
import type { Permission } from '@shared/permissions.ts'
import { callFunction } from '@/lib/functions.ts'
import { ASSISTANT_ID, callDetail, NUMBER_ID, renderWithProviders, TENANT_ID } from '../testing.tsx'
import { CallDetailPage } from './call-detail-page.tsx'

const permissions = vi.hoisted(() => ({ current: [] as string[] }))
vi.mock('@/features/tenants/index.ts', () => ({
  useCurrentTenant: () => ({ tenant: { id: TENANT_ID, country: 'FR', timezone: 'Europe/Paris' } }),
  useCan: (p: Permission) => permissions.current.includes(p),
}))
vi.mock('@/features/assistants/index.ts', () => ({
  useAssistants: () => ({ data: [{ id: ASSISTANT_ID, name: 'Reception desk' }] }),
}))
vi.mock('@/features/numbers/index.ts', () => ({
  useNumbers: () => ({ data: [{ id: NUMBER_ID, number: '+14155550123', name: null }] }),
}))
vi.mock('../api/realtime.ts', () => ({ useCallsRealtime: () => 'live' }))
vi.mock('@/lib/functions.ts', async (importOriginal) => ({
  ...await importOriginal<typeof import('@/lib/functions.ts')>(),
  callFunction: vi.fn(),
}))

/** callFunction, answering by route with the fixtures. */
const callApi = callFunction as unknown as Mock<(route: unknown, args: unknown) => Promise<unknown>>
const call = callDetail()

beforeEach(() => {
  permissions.current = ['calls.read', 'calls.listen', 'calls.export', 'calls.erase']
  callApi.mockImplementation((route) =>
    route === callsContract.routes.getCall ? Promise.resolve(call) : Promise.reject(new Error('unexpected'))
  )
})

afterEach(() => callApi.mockReset())

const renderPage = () => renderWithProviders(<CallDetailPage callId={call.id} />, { path: `/calls/${call.id}` })

describe('CallDetailPage', () => {
  it('shows the call: caller, summary, structured data, costs and the transcript as a chat', async () => {
    renderPage()
    expect(await screen.findByRole('heading', { level: 1, name: '06 12 34 56 78' })).toBeInTheDocument()
    expect(screen.getByText('Booked an appointment for Tuesday morning.')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Reception desk' })).toHaveAttribute('href', `/assistants/${ASSISTANT_ID}`)
    const data = screen.getByRole('table', { name: 'Structured data' })
    expect(within(data).getByRole('row', { name: 'name Jordan Miller' })).toBeInTheDocument()
    expect(within(data).getByRole('row', { name: 'urgent false' })).toBeInTheDocument()
    const costs = screen.getByRole('table', { name: 'Cost breakdown' })
    expect(within(costs).getByText('Telephony')).toBeInTheDocument()
    expect(within(costs).getByRole('row', { name: /Total/ })).toHaveTextContent('$0.123')
    const transcript = screen.getByRole('list', { name: 'Transcript' })
    expect(within(transcript).getAllByRole('listitem')).toHaveLength(3)
    expect(within(transcript).getByText('I would like an appointment.')).toBeInTheDocument()
    expect(within(transcript).getByText('0:04')).toBeInTheDocument()
  })

  it('plays the recording from the line clicked in the transcript', async () => {
    renderPage()
    const line = await screen.findByRole('button', { name: /Of course\. Tuesday at nine\?/ })
    const audio = document.querySelector('audio')!
    expect(audio).toHaveAttribute('src', call.recording.url)
    fireEvent.click(line)
    expect(audio.currentTime).toBe(7.25)
    fireEvent.click(screen.getByRole('button', { name: /I would like an appointment/ }))
    expect(audio.currentTime).toBe(4)
  })

  it('hides the player, and makes lines plain text, without calls.listen', async () => {
    permissions.current = ['calls.read']
    renderPage()
    await screen.findByText('I would like an appointment.')
    expect(document.querySelector('audio')).toBeNull()
    expect(screen.queryByRole('heading', { name: 'Recording' })).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: /I would like an appointment/ })).not.toBeInTheDocument()
  })

  it('lets only the owner export or erase the caller’s data, erasing after the number is typed', async () => {
    renderPage()
    await screen.findByRole('heading', { name: 'Caller’s data' })
    expect(screen.getByRole('button', { name: 'Export this caller’s data' })).toBeInTheDocument()
    fireEvent.click(screen.getByRole('button', { name: 'Erase this caller’s data' }))
    const dialog = await screen.findByRole('alertdialog', { name: 'Erase everything about 06 12 34 56 78?' })
    const confirm = within(dialog).getByRole('button', { name: 'Erase permanently' })
    expect(confirm).toBeDisabled()
    fireEvent.change(within(dialog).getByLabelText('Type the number (06 12 34 56 78) to confirm'), {
      target: { value: '06 12 34 56 7' },
    })
    expect(confirm).toBeDisabled()
    fireEvent.change(within(dialog).getByLabelText('Type the number (06 12 34 56 78) to confirm'), {
      target: { value: '06 12 34 56 78' },
    })
    expect(confirm).toBeEnabled()
  })

  it('offers no erasure to an admin', async () => {
    permissions.current = ['calls.read', 'calls.listen', 'calls.export']
    renderPage()
    await screen.findByText('I would like an appointment.')
    expect(screen.queryByRole('button', { name: 'Erase this caller’s data' })).not.toBeInTheDocument()
  })
})

describe('CallDetailPage, for a call that is gone', () => {
  it('says so in words, with a retry', async () => {
    const { ProblemError } = await import('@/lib/functions.ts')
    callApi.mockImplementation(() =>
      Promise.reject(new ProblemError({ type: 'about:blank', title: 'Not found', status: 404, code: 'call_not_found' }))
    )
    renderPage()
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent(
      'Could not load this call: This call no longer exists: it may have been erased or deleted by the retention policy.',
    )
    expect(within(alert).getByRole('button', { name: 'Retry' })).toBeInTheDocument()
  })
})
