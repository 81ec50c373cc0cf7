import { render, screen } from '@testing-library/react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { AdminPage } from './admin-page.tsx'

const me = vi.hoisted((): { current: Record<string, unknown> } => ({ current: {} }))
vi.mock('../api/get-admin-me.ts', () => ({ useAdminMe: () => me.current }))
// The sections fetch on their own; here only whether the page lets the user in matters.
vi.mock('./templates-section.tsx', () => ({ TemplatesSection: () => <p>templates section</p> }))
vi.mock('./virtual-numbers-section.tsx', () => ({ VirtualNumbersSection: () => <p>numbers section</p> }))

describe('AdminPage', () => {
  beforeEach(() => {
    me.current = { isPending: false, isError: false, data: { platform_admin: false } }
  })

  it('tells a non-admin they are not allowed, and shows nothing of the sections', () => {
    render(<AdminPage />)
    expect(screen.getByRole('heading', { name: 'Platform admins only' })).toBeInTheDocument()
    expect(screen.queryByText('templates section')).not.toBeInTheDocument()
    expect(screen.queryByText('numbers section')).not.toBeInTheDocument()
  })

  it('shows both sections to a platform admin', () => {
    me.current = { isPending: false, isError: false, data: { platform_admin: true } }
    render(<AdminPage />)
    expect(screen.getByRole('heading', { level: 1, name: 'Platform admin' })).toBeInTheDocument()
    expect(screen.getByText('templates section')).toBeInTheDocument()
    expect(screen.getByText('numbers section')).toBeInTheDocument()
  })

  it('shows neither while it is still asking', () => {
    me.current = { isPending: true, isError: false }
    render(<AdminPage />)
    expect(screen.queryByText('templates section')).not.toBeInTheDocument()
    expect(screen.queryByRole('heading', { name: 'Platform admins only' })).not.toBeInTheDocument()
  })
})
