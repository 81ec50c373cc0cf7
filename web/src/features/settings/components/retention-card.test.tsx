import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import type { Retention } from '@shared/contracts/calls.ts'
import { RetentionRules, RetentionView, shortens } from './retention-card.tsx'

function renderView(retention: Retention, canManage = true) {
  const onSave = vi.fn(async (body: Retention) => body)
  render(<RetentionView retention={retention} canManage={canManage} onSave={onSave} />)
  return onSave
}

const forever: Retention = { calls_days: null, recordings_days: null }

describe('retention', () => {
  it('keeps recordings no longer than calls (the contract, and the rule across its fields)', () => {
    expect(RetentionRules.safeParse({ calls_days: 90, recordings_days: 30 }).success).toBe(true)
    expect(RetentionRules.safeParse({ calls_days: 30, recordings_days: null }).success).toBe(true)
    expect(RetentionRules.safeParse({ calls_days: 30, recordings_days: 90 }).success).toBe(false)
    expect(RetentionRules.safeParse({ calls_days: 0, recordings_days: null }).success).toBe(false)
    expect(RetentionRules.safeParse({ calls_days: 4000, recordings_days: null }).success).toBe(false)
  })

  it('asks before a change that deletes, not before one that keeps more', () => {
    expect(shortens(forever, { calls_days: 365, recordings_days: null })).toBe(true)
    expect(shortens({ calls_days: 90, recordings_days: 30 }, { calls_days: 90, recordings_days: 20 })).toBe(true)
    expect(shortens({ calls_days: 90, recordings_days: 30 }, { calls_days: 180, recordings_days: 30 })).toBe(false)
    expect(shortens({ calls_days: 90, recordings_days: 30 }, forever)).toBe(false)
  })

  it('shows the current choices, custom days included, and says what deletion does', () => {
    renderView({ calls_days: 45, recordings_days: 30 })
    expect(screen.getByLabelText('Keep calls')).toHaveValue('custom')
    expect(screen.getByLabelText('Days to keep calls')).toHaveValue(45)
    expect(screen.getByLabelText('Keep recordings')).toHaveValue('30')
    expect(screen.queryByLabelText('Days to keep recordings')).not.toBeInTheDocument()
    expect(screen.getByText(/in your Vapi account too, with your Vapi key/)).toBeInTheDocument()
  })

  it('refuses recordings kept longer than calls, and a custom number out of range, before sending', async () => {
    const user = userEvent.setup()
    const onSave = renderView(forever)
    await user.selectOptions(screen.getByLabelText('Keep calls'), '30')
    await user.selectOptions(screen.getByLabelText('Keep recordings'), '90')
    await user.click(screen.getByRole('button', { name: 'Save' }))
    expect(await screen.findByText('Recordings cannot be kept longer than calls')).toBeInTheDocument()
    expect(screen.getByLabelText('Keep recordings')).toHaveAttribute('aria-invalid', 'true')

    await user.selectOptions(screen.getByLabelText('Keep recordings'), 'custom')
    const days = screen.getByLabelText('Days to keep recordings')
    await user.type(days, '0')
    await user.click(screen.getByRole('button', { name: 'Save' }))
    expect(await screen.findByText('Enter a number of days from 1 to 3650')).toBeInTheDocument()
    await user.clear(days)
    await user.type(days, '12.5')
    await user.click(screen.getByRole('button', { name: 'Save' }))
    expect(screen.getByText('Enter a number of days from 1 to 3650')).toBeInTheDocument()
    expect(onSave).not.toHaveBeenCalled()

    await user.clear(days)
    await user.type(days, '14')
    await user.click(screen.getByRole('button', { name: 'Save' }))
    // From forever to 30 days deletes older calls: asked first.
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete older calls and recordings?' })
    expect(onSave).not.toHaveBeenCalled()
    await user.click(within(dialog).getByRole('button', { name: 'Save and delete' }))
    expect(onSave).toHaveBeenCalledWith({ calls_days: 30, recordings_days: 14 })
  })

  it('saves at once a change that keeps more', async () => {
    const user = userEvent.setup()
    const onSave = renderView({ calls_days: 90, recordings_days: 30 })
    await user.selectOptions(screen.getByLabelText('Keep calls'), 'forever')
    await user.click(screen.getByRole('button', { name: 'Save' }))
    expect(onSave).toHaveBeenCalledWith({ calls_days: null, recordings_days: 30 })
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument()
  })

  it('cancelling the confirmation sends nothing', async () => {
    const user = userEvent.setup()
    const onSave = renderView(forever)
    await user.selectOptions(screen.getByLabelText('Keep recordings'), '180')
    await user.click(screen.getByRole('button', { name: 'Save' }))
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Cancel' }))
    expect(onSave).not.toHaveBeenCalled()
  })

  it('is read-only without settings.manage', () => {
    renderView({ calls_days: 365, recordings_days: 90 }, false)
    expect(screen.getByText('365 days')).toBeInTheDocument()
    expect(screen.getByText('90 days')).toBeInTheDocument()
    expect(screen.getByText('Only owners and admins can change it.')).toBeInTheDocument()
    expect(screen.queryByRole('combobox')).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Save' })).not.toBeInTheDocument()
  })
})
