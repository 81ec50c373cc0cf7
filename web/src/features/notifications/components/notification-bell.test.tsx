import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter, useLocation } from 'react-router'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Notification, NotificationsPage } from '@shared/contracts/notifications.ts'
import { hasPermission, type Permission } from '@shared/permissions.ts'
import { NotificationBell, unreadBadge } from './notification-bell.tsx'

const USER = '0b7f3a52-6a41-4f43-9d6e-2c1f1b0f7a10'
const TENANT = '5a0c7d1e-2b3f-4c5d-8e9f-0a1b2c3d4e5f'
const OTHER_TENANT = '9e8d7c6b-5a4f-4e3d-9c2b-1a0f9e8d7c6b'
const CALL = '2d4f6a8c-1b3d-4e5f-9a7b-8c9d0e1f2a3b'

// The API: the bell's two routes, answered from what `server` holds (the tenant's notifications of the user).
const server = vi.hoisted(() => ({
  page: null as unknown as NotificationsPage,
  calls: [] as { path: string; body?: unknown; tenantId?: string }[],
}))
vi.mock('@/lib/functions.ts', async (importOriginal) => ({
  ...await importOriginal<typeof import('@/lib/functions.ts')>(),
  callFunction: vi.fn(async (route: { path: string }, args: { body?: unknown; tenantId?: string }) => {
    server.calls.push({ path: route.path, body: args.body, tenantId: args.tenantId })
    if (route.path !== '/read') return structuredClone(server.page)
    const body = args.body as { ids: string[] } | { all: true }
    for (const item of server.page.items) {
      if (item.read_at === null && ('all' in body || body.ids.includes(item.id))) item.read_at = new Date().toISOString()
    }
    server.page.unread = server.page.items.filter((item) => item.read_at === null).length
    return { unread: server.page.unread }
  }),
}))

// supabase-js's realtime: one channel whose broadcast handler the test calls as the server would.
interface RealtimeStub {
  topic: string
  config: unknown
  handler: null | ((message: { payload: unknown }) => void)
  setAuth: () => Promise<undefined>
}
const realtime = vi.hoisted((): RealtimeStub => ({
  topic: '',
  config: null,
  handler: null,
  setAuth: vi.fn(async () => undefined),
}))
vi.mock('@/lib/supabase.ts', () => {
  const channel = {
    on: (_type: string, _filter: unknown, handler: (message: { payload: unknown }) => void) => {
      realtime.handler = handler
      return channel
    },
    subscribe: (callback: (state: string) => void) => {
      callback('SUBSCRIBED')
      return channel
    },
  }
  return {
    supabase: {
      realtime: { setAuth: realtime.setAuth },
      channel: (topic: string, params: unknown) => {
        realtime.topic = topic
        realtime.config = params
        return channel
      },
      removeChannel: async () => 'ok',
    },
  }
})
vi.mock('@/lib/auth.tsx', () => ({ useAuth: () => ({ session: { user: { id: USER } }, loading: false }) }))
// The current tenant, and the member's permissions in it.
const member = vi.hoisted(() => ({ permissions: [] as Permission[] }))
vi.mock('@/features/tenants/index.ts', () => ({
  useCurrentTenant: () => ({ tenant: { id: TENANT, name: 'Acme', permissions: member.permissions } }),
  useCan: (permission: Permission) => hasPermission(member.permissions, permission),
}))
const toasts = vi.hoisted(() => ({ shown: [] as unknown[][] }))
vi.mock('sonner', () => ({
  toast: Object.assign((...args: unknown[]) => toasts.shown.push(args), { error: vi.fn(), success: vi.fn() }),
}))

function notification(n: number, fields: Partial<Notification> = {}): Notification {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    kind: 'call_completed',
    title: `Call ${n} completed`,
    body: `Summary of call ${n}`,
    call_id: CALL,
    read_at: null,
    created_at: new Date(Date.now() - n * 3_600_000).toISOString(),
    ...fields,
  }
}

function Location() {
  return <p data-testid='location'>{useLocation().pathname}</p>
}

function renderBell(permissions: Permission[] = ['calls.read']) {
  member.permissions = permissions
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter initialEntries={['/']}>
        <NotificationBell />
        <Location />
      </MemoryRouter>
    </QueryClientProvider>,
  )
  return queryClient
}

/** A notification inserted (the current tenant's is then in what the API answers), and broadcast by the trigger. */
function broadcast(row: Notification, tenantId = TENANT, { again = false } = {}) {
  if (tenantId === TENANT && !again) {
    server.page.items.unshift(row)
    server.page.unread++
  }
  // Postgres writes timestamps with an offset.
  const payload = { ...row, tenant_id: tenantId, created_at: row.created_at.replace('Z', '123+00:00') }
  act(() => realtime.handler!({ payload }))
}

// Found even while the menu is open (Radix hides what is outside it from assistive technologies meanwhile).
const bell = () => screen.getByRole('button', { name: /^Notifications/, hidden: true })

describe('NotificationBell', () => {
  beforeEach(() => {
    server.page = {
      items: [notification(1), notification(2), notification(3, { read_at: '2026-11-21T10:00:00Z' })],
      next_cursor: null,
      unread: 2,
    }
    server.calls = []
    toasts.shown = []
  })
  afterEach(async () => {
    // Unmounted, the bell leaves its channel on the next tick: the next test joins afresh.
    cleanup()
    await new Promise((resolve) => setTimeout(resolve))
    realtime.handler = null
    realtime.topic = ''
    vi.clearAllMocks()
  })

  it('writes the badge as the count, then 99+', () => {
    expect(unreadBadge(1)).toBe('1')
    expect(unreadBadge(99)).toBe('99')
    expect(unreadBadge(100)).toBe('99+')
  })

  it('is not shown to a member who cannot read calls', () => {
    renderBell(['settings.read'])
    expect(screen.queryByRole('button', { name: /Notifications/ })).not.toBeInTheDocument()
    expect(server.calls).toHaveLength(0)
  })

  it('counts the unread notifications of the tenant and lists the newest, unread ones marked', async () => {
    const user = userEvent.setup()
    renderBell()
    expect(await screen.findByRole('button', { name: 'Notifications, 2 unread' })).toBeInTheDocument()
    expect(screen.getByTestId('unread-badge')).toHaveTextContent('2')
    expect(server.calls[0]).toMatchObject({ path: '/', tenantId: TENANT })

    await user.click(bell())
    const menu = await screen.findByRole('menu')
    const items = within(menu).getAllByRole('menuitem').filter((item) => item.textContent?.includes('completed'))
    expect(items).toHaveLength(3)
    expect(items[0]).toHaveTextContent('Unread Call 1 completed')
    expect(items[0]).toHaveTextContent('Summary of call 1')
    expect(items[0]).toHaveTextContent('1 hour ago')
    expect(items[0]).toHaveAttribute('data-unread', 'true')
    expect(items[2]).not.toHaveAttribute('data-unread')
    expect(items[2]).not.toHaveTextContent('Unread')
  })

  it('shows 99+ past 99 unread', async () => {
    server.page = { ...server.page, unread: 250 }
    renderBell()
    expect(await screen.findByRole('button', { name: 'Notifications, 250 unread' })).toBeInTheDocument()
    expect(screen.getByTestId('unread-badge')).toHaveTextContent('99+')
  })

  it('opens the call of a notification and marks it read', async () => {
    const user = userEvent.setup()
    renderBell()
    await user.click(await screen.findByRole('button', { name: 'Notifications, 2 unread' }))
    await user.click(await screen.findByRole('menuitem', { name: /Call 1 completed/ }))
    expect(screen.getByTestId('location')).toHaveTextContent(`/calls/${CALL}`)
    await waitFor(() =>
      expect(server.calls.at(-1)).toEqual({ path: '/read', body: { ids: [notification(1).id] }, tenantId: TENANT })
    )
    expect(await screen.findByRole('button', { name: 'Notifications, 1 unread' })).toBeInTheDocument()
  })

  it('marks all as read', async () => {
    const user = userEvent.setup()
    renderBell()
    await user.click(await screen.findByRole('button', { name: 'Notifications, 2 unread' }))
    await user.click(await screen.findByRole('menuitem', { name: 'Mark all as read' }))
    expect(server.calls.at(-1)).toEqual({ path: '/read', body: { all: true }, tenantId: TENANT })
    await waitFor(() => expect(bell()).toHaveAccessibleName('Notifications'))
    expect(screen.queryByTestId('unread-badge')).not.toBeInTheDocument()
    const menu = screen.getByRole('menu')
    expect(within(menu).queryByText('Unread', { exact: false })).not.toBeInTheDocument()
    expect(within(menu).queryByRole('menuitem', { name: 'Mark all as read' })).not.toBeInTheDocument()
  })

  it("subscribes to the user's private topic with the session's token", async () => {
    renderBell()
    await waitFor(() => expect(realtime.topic).toBe(`user:${USER}:notifications`))
    expect(realtime.config).toEqual({ config: { private: true } })
    expect(realtime.setAuth).toHaveBeenCalledWith()
  })

  it("counts a live notification of the tenant, lists it and toasts it; another tenant's is ignored", async () => {
    const user = userEvent.setup()
    renderBell()
    await screen.findByRole('button', { name: 'Notifications, 2 unread' })
    await waitFor(() => expect(realtime.handler).not.toBeNull())

    broadcast(notification(9, { title: 'Missed call from +33 6 12 34 56 78', kind: 'call_missed' }), OTHER_TENANT)
    expect(bell()).toHaveAccessibleName('Notifications, 2 unread')
    expect(toasts.shown).toHaveLength(0)

    const live = notification(0, { title: 'Missed call from +33 6 98 76 54 32', kind: 'call_missed', body: null })
    broadcast(live)
    await waitFor(() => expect(bell()).toHaveAccessibleName('Notifications, 3 unread'))
    expect(screen.getByTestId('unread-badge')).toHaveTextContent('3')
    expect(toasts.shown).toHaveLength(1)
    expect(toasts.shown[0][0]).toBe('Missed call from +33 6 98 76 54 32')

    // The same one delivered twice counts once.
    broadcast(live, TENANT, { again: true })
    expect(bell()).toHaveAccessibleName('Notifications, 3 unread')
    expect(toasts.shown).toHaveLength(1)

    await user.click(bell())
    const items = within(await screen.findByRole('menu')).getAllByRole('menuitem')
    expect(items.find((item) => item.textContent?.includes('+33 6 98 76 54 32'))).toBeDefined()
    expect(screen.queryByText(/\+33 6 12 34 56 78/)).not.toBeInTheDocument()
  })

  it('ignores a broadcast that is not a notification', async () => {
    renderBell()
    await screen.findByRole('button', { name: 'Notifications, 2 unread' })
    await waitFor(() => expect(realtime.handler).not.toBeNull())
    act(() => realtime.handler!({ payload: { tenant_id: TENANT, title: 'half a row' } }))
    expect(bell()).toHaveAccessibleName('Notifications, 2 unread')
    expect(toasts.shown).toHaveLength(0)
  })
})
