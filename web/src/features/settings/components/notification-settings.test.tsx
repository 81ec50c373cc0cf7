import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { NotificationPreference, NotificationPreferences } from '@shared/contracts/notifications.ts'
import type { PushDevice } from '@shared/contracts/settings.ts'
import { PreferencesTable, preferenceRows } from './notification-preferences-card.tsx'
import { PushDevicesCard } from './push-devices-card.tsx'

const devices = vi.hoisted(() => ({
  items: [] as PushDevice[],
  remove: vi.fn(async (_id: string) => undefined),
}))
vi.mock('../api/push-devices.ts', () => ({
  usePushDevices: () => ({ isPending: false, isError: false, isSuccess: true, data: { items: devices.items } }),
  useDeletePushDevice: () => ({ mutateAsync: devices.remove, isPending: false, variables: undefined }),
}))

const preferences: NotificationPreferences = {
  items: [
    { kind: 'call_completed', in_app: true, push: false },
    { kind: 'call_missed', in_app: true, push: true },
  ],
  devices: 1,
}

describe('notification preferences', () => {
  it('shows one row per kind with a switch per channel', () => {
    render(<PreferencesTable preferences={preferences} onChange={vi.fn()} />)
    expect(screen.getByRole('rowheader', { name: /Call completed/ })).toBeInTheDocument()
    expect(screen.getByRole('rowheader', { name: /Missed call/ })).toBeInTheDocument()
    expect(screen.getByRole('switch', { name: 'Call completed: In the app' })).toBeChecked()
    expect(screen.getByRole('switch', { name: 'Call completed: On my phones' })).not.toBeChecked()
    expect(screen.getByRole('switch', { name: 'Missed call: On my phones' })).toBeChecked()
    expect(screen.queryByText(/No phone registered yet/)).not.toBeInTheDocument()
  })

  it('sends every kind, with the one switched changed', async () => {
    const user = userEvent.setup()
    const onChange = vi.fn<(items: NotificationPreference[]) => void>()
    render(<PreferencesTable preferences={preferences} onChange={onChange} />)
    await user.click(screen.getByRole('switch', { name: 'Call completed: On my phones' }))
    expect(onChange).toHaveBeenLastCalledWith([
      { kind: 'call_completed', in_app: true, push: true },
      { kind: 'call_missed', in_app: true, push: true },
    ])
    await user.click(screen.getByRole('switch', { name: 'Missed call: In the app' }))
    expect(onChange).toHaveBeenLastCalledWith([
      { kind: 'call_completed', in_app: true, push: false },
      { kind: 'call_missed', in_app: false, push: true },
    ])
  })

  it('fills a kind the server did not answer as on, in the contract order', () => {
    expect(preferenceRows([{ kind: 'call_missed', in_app: false, push: false }])).toEqual([
      { kind: 'call_completed', in_app: true, push: true },
      { kind: 'call_missed', in_app: false, push: false },
    ])
  })

  it('says when no phone is registered', () => {
    render(<PreferencesTable preferences={{ ...preferences, devices: 0 }} onChange={vi.fn()} />)
    expect(screen.getByText(/No phone registered yet: push notifications start once you add one/)).toBeInTheDocument()
  })
})

describe('push devices', () => {
  beforeEach(() => {
    devices.items = []
    devices.remove.mockClear()
  })

  it('explains that phones register through the mobile app, and says when there is none', () => {
    render(<PushDevicesCard />)
    expect(screen.getByText(/Phones register through the Switchboard mobile app/)).toBeInTheDocument()
    expect(screen.getByText(/through Expo/)).toBeInTheDocument()
    expect(screen.getByText('No phone registered yet.')).toBeInTheDocument()
  })

  it('lists the phones and removes one', async () => {
    const user = userEvent.setup()
    devices.items = [
      {
        id: '3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
        token: 'ExponentPushToken[abc]',
        platform: 'ios',
        device_name: "Marie's iPhone",
        created_at: '2026-11-20T08:00:00Z',
        last_used_at: '2026-11-22T07:30:00Z',
      },
      {
        id: '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d',
        token: 'ExponentPushToken[def]',
        platform: 'android',
        device_name: null,
        created_at: '2026-11-21T08:00:00Z',
        last_used_at: null,
      },
    ]
    render(<PushDevicesCard />)
    const list = screen.getByRole('list', { name: 'Your phones' })
    const [iphone, android] = within(list).getAllByRole('listitem')
    expect(iphone).toHaveTextContent("Marie's iPhone · iPhone")
    expect(iphone).toHaveTextContent(/Added 20 Nov 2026.*Last notified 22 Nov 2026/)
    expect(android).toHaveTextContent('Android')
    expect(android).not.toHaveTextContent('Last notified')
    await user.click(screen.getByRole('button', { name: 'Remove Android' }))
    expect(devices.remove).toHaveBeenCalledWith('7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d')
    await waitFor(() => expect(devices.remove).toHaveBeenCalledOnce())
  })
})
