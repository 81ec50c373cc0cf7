import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { Combobox, type ComboboxOption } from './combobox.tsx'

const fruits: ComboboxOption[] = [
  { value: 'apple', label: 'Apple' },
  { value: 'banana', label: 'Banana' },
  { value: 'cherry', label: 'Cherry', keywords: 'griotte' },
  { value: 'clementine', label: 'Clémentine' },
]

function Fruit(
  { initial = 'banana', onChange = vi.fn() }: { initial?: string; onChange?: (v: string) => void },
) {
  const [value, setValue] = useState(initial)
  return (
    <>
      <label htmlFor='fruit'>Fruit</label>
      <Combobox
        id='fruit'
        options={fruits}
        value={value}
        onChange={(next) => {
          setValue(next)
          onChange(next)
        }}
        label='Fruit'
        emptyText='No match'
      />
    </>
  )
}

const field = () => screen.getByRole('combobox', { name: 'Fruit' })
const highlighted = () => {
  const id = field().getAttribute('aria-activedescendant')
  return id ? document.getElementById(id)?.textContent : undefined
}

describe('Combobox', () => {
  it('shows the chosen label, closed, as a labelled combobox', () => {
    render(<Fruit />)
    expect(field()).toHaveValue('Banana')
    expect(field()).toHaveAttribute('aria-expanded', 'false')
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument()
  })

  it('opens on ArrowDown at the chosen option, moves with the arrows and picks with Enter', async () => {
    const user = userEvent.setup()
    const onChange = vi.fn()
    render(<Fruit onChange={onChange} />)
    await user.click(field())
    await user.keyboard('{Escape}')
    expect(field()).toHaveAttribute('aria-expanded', 'false')

    await user.keyboard('{ArrowDown}')
    expect(field()).toHaveAttribute('aria-expanded', 'true')
    expect(screen.getByRole('listbox', { name: 'Fruit' })).toBeInTheDocument()
    expect(screen.getAllByRole('option')).toHaveLength(4)
    expect(highlighted()).toBe('Banana')
    expect(screen.getByRole('option', { name: 'Banana' })).toHaveAttribute('aria-selected', 'true')

    await user.keyboard('{ArrowDown}{ArrowDown}')
    expect(highlighted()).toBe('Clémentine')
    await user.keyboard('{ArrowDown}')
    expect(highlighted()).toBe('Clémentine')
    await user.keyboard('{ArrowUp}')
    expect(highlighted()).toBe('Cherry')

    await user.keyboard('{Enter}')
    expect(onChange).toHaveBeenCalledWith('cherry')
    expect(field()).toHaveAttribute('aria-expanded', 'false')
    expect(field()).toHaveValue('Cherry')
  })

  it('filters as you type, ignoring case, accents and matching keywords', async () => {
    const user = userEvent.setup()
    const onChange = vi.fn()
    render(<Fruit onChange={onChange} />)
    await user.click(field())
    expect(field()).toHaveValue('')
    expect(field()).toHaveAttribute('placeholder', 'Banana')

    await user.keyboard('CLEM')
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['Clémentine'])
    expect(highlighted()).toBe('Clémentine')

    await user.clear(field())
    await user.keyboard('griotte')
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['Cherry'])
    await user.keyboard('{Enter}')
    expect(onChange).toHaveBeenCalledWith('cherry')
  })

  it('lists the options whose label starts with the search first', async () => {
    const user = userEvent.setup()
    const countries = ['Algeria', 'Germany', 'Niger'].map((name) => ({ value: name, label: name }))
    render(
      <Combobox
        aria-label='Country'
        options={countries}
        value=''
        onChange={() => {}}
        label='Country'
        emptyText='No match'
      />,
    )
    await user.click(screen.getByRole('combobox', { name: 'Country' }))
    await user.keyboard('ger')
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['Germany', 'Algeria', 'Niger'])
  })

  it('says so when nothing matches, and Enter then picks nothing', async () => {
    const user = userEvent.setup()
    const onChange = vi.fn()
    render(<Fruit onChange={onChange} />)
    await user.click(field())
    await user.keyboard('kiwi')
    expect(screen.getByText('No match')).toBeInTheDocument()
    expect(screen.queryByRole('option')).not.toBeInTheDocument()
    expect(field()).not.toHaveAttribute('aria-activedescendant')
    await user.keyboard('{Enter}')
    expect(onChange).not.toHaveBeenCalled()
  })

  it('Escape closes without changing the value and restores its label', async () => {
    const user = userEvent.setup()
    const onChange = vi.fn()
    render(<Fruit onChange={onChange} />)
    await user.click(field())
    await user.keyboard('app{Escape}')
    expect(field()).toHaveAttribute('aria-expanded', 'false')
    expect(field()).toHaveValue('Banana')
    expect(onChange).not.toHaveBeenCalled()
  })

  it('typing after the closed label searches for the typed text only', async () => {
    const user = userEvent.setup()
    render(<Fruit />)
    field().focus()
    await user.keyboard('{End}c')
    expect(field()).toHaveValue('c')
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['Cherry', 'Clémentine'])
  })

  it('picks an option with a click and keeps focus in the field', async () => {
    const user = userEvent.setup()
    const onChange = vi.fn()
    render(<Fruit onChange={onChange} />)
    await user.click(field())
    await user.click(screen.getByRole('option', { name: 'Apple' }))
    expect(onChange).toHaveBeenCalledWith('apple')
    expect(field()).toHaveValue('Apple')
    expect(field()).toHaveFocus()
  })
})
