import { Check, ChevronsUpDown } from 'lucide-react'
import { Popover } from 'radix-ui'
import { type ComponentProps, type KeyboardEvent, useId, useMemo, useState } from 'react'
import { cn } from '@/lib/utils.ts'
import { inputClass } from './input.tsx'

export interface ComboboxOption {
  value: string
  label: string
  /** More text the search matches (a code, an old name). */
  keywords?: string
}

type ComboboxProps = Omit<ComponentProps<'input'>, 'value' | 'defaultValue' | 'onChange' | 'type'> & {
  options: readonly ComboboxOption[]
  value: string
  onChange: (value: string) => void
  /** Names the list of options for screen readers: the field's label. */
  label: string
  emptyText: string
}

/** Lower case, no accents, underscores as spaces: "cote" finds "Côte d’Ivoire", "new york" New_York. */
function searchable(text: string): string {
  return text.toLocaleLowerCase().normalize('NFD').replace(/\p{Diacritic}/gu, '').replaceAll('_', ' ')
}

const PAGE = 10

/** Scrolls the list, never the page, to show the highlighted option. */
function keepInView(option: HTMLElement | null) {
  const list = option?.parentElement
  if (!option || !list) return
  if (option.offsetTop < list.scrollTop) list.scrollTop = option.offsetTop
  const bottom = option.offsetTop + option.offsetHeight
  if (bottom > list.scrollTop + list.clientHeight) list.scrollTop = bottom - list.clientHeight
}

/**
 * A text field that filters a list of options and picks one (ARIA editable combobox with list autocomplete).
 * Focus never leaves the field — aria-activedescendant names the highlighted option — so typing, arrows,
 * Enter and Escape all work from it, and on a phone a tap opens the list. Closed, it shows the chosen label.
 */
export function Combobox(
  { options, value, onChange, label, emptyText, className, placeholder, onBlur, ...props }: ComboboxProps,
) {
  const listId = useId()
  const [open, setOpen] = useState(false)
  const [query, setQuery] = useState('')
  const [active, setActive] = useState(0)

  const searchIndex = useMemo(
    () =>
      options.map((option) => ({
        text: searchable(`${option.label} ${option.keywords ?? ''}`),
        // The label's words, each after a space, to rank "ger" in Germany above Algeria.
        words: ` ${searchable(option.label).replace(/[^\p{L}\p{N}]+/gu, ' ')}`,
      })),
    [options],
  )
  const visible = useMemo(() => {
    const terms = searchable(query).split(/\s+/).filter(Boolean)
    if (terms.length === 0) return options
    const rank = (index: number) => {
      const { words } = searchIndex[index]
      return words.startsWith(` ${terms[0]}`) ? 0 : words.includes(` ${terms[0]}`) ? 1 : 2
    }
    return options
      .map((_, index) => index)
      .filter((index) => terms.every((term) => searchIndex[index].text.includes(term)))
      .sort((a, b) => rank(a) - rank(b) || a - b)
      .map((index) => options[index])
  }, [options, searchIndex, query])
  const selected = options.find((option) => option.value === value)
  const optionId = (index: number) => `${listId}-${index}`

  const show = () => {
    setQuery('')
    setActive(Math.max(0, options.findIndex((option) => option.value === value)))
    setOpen(true)
  }
  const close = () => {
    setOpen(false)
    setQuery('')
  }
  const choose = (option: ComboboxOption) => {
    onChange(option.value)
    close()
  }
  const move = (to: number) => setActive(Math.max(0, Math.min(visible.length - 1, to)))

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const steps: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: PAGE, PageUp: -PAGE }
    if (event.key in steps) {
      event.preventDefault()
      if (open) move(active + steps[event.key])
      else show()
    } else if (event.key === 'Enter' && open) {
      // Picks the highlighted option rather than submitting the form.
      event.preventDefault()
      const option = visible[active]
      if (option) choose(option)
    } else if (event.key === 'Escape' && open) {
      event.preventDefault()
      event.stopPropagation()
      close()
    }
  }

  return (
    <Popover.Root open={open} onOpenChange={(next) => (next ? show() : close())}>
      <Popover.Anchor asChild>
        <div className={cn('relative', className)} data-combobox={listId}>
          <input
            {...props}
            type='text'
            role='combobox'
            aria-autocomplete='list'
            aria-expanded={open}
            aria-controls={open && visible.length ? listId : undefined}
            aria-activedescendant={open && visible[active] ? optionId(active) : undefined}
            autoComplete='off'
            spellCheck={false}
            className={cn(inputClass, 'pr-8')}
            // Open, the field holds the search and the chosen option shows as the placeholder.
            value={open ? query : selected?.label ?? ''}
            placeholder={open ? selected?.label ?? placeholder : placeholder}
            onChange={(event) => {
              const text = event.target.value
              // Typing after a closed field's label searches for what was typed, not label + it.
              const typed = !open && selected && text.startsWith(selected.label)
                ? text.slice(selected.label.length)
                : text
              setQuery(typed.trimStart())
              setActive(0)
              setOpen(true)
            }}
            onClick={() => !open && show()}
            onKeyDown={onKeyDown}
            onBlur={(event) => {
              close()
              onBlur?.(event)
            }}
          />
          <ChevronsUpDown
            className='pointer-events-none absolute top-1/2 right-2.5 size-4 -translate-y-1/2 text-muted-foreground'
            aria-hidden='true'
          />
        </div>
      </Popover.Anchor>
      <Popover.Portal>
        <Popover.Content
          // Not a dialog: the list inside is the listbox the field controls.
          role={undefined}
          align='start'
          sideOffset={4}
          className='z-50 w-(--radix-popover-trigger-width) min-w-56 rounded-md border bg-popover p-1 text-popover-foreground shadow-md outline-none animate-fade-in'
          // Focus stays in the field, which drives the list.
          onOpenAutoFocus={(event) => event.preventDefault()}
          onCloseAutoFocus={(event) => event.preventDefault()}
          // A press on the field itself is not a press outside: it keeps the list open.
          onInteractOutside={(event) => {
            if ((event.target as Element).closest(`[data-combobox="${listId}"]`)) event.preventDefault()
          }}
        >
          {visible.length === 0
            ? <p className='px-2 py-6 text-center text-sm text-muted-foreground'>{emptyText}</p>
            : (
              <ul
                id={listId}
                role='listbox'
                aria-label={label}
                className='relative max-h-[min(18rem,var(--radix-popover-content-available-height,18rem))] overflow-y-auto overscroll-contain'
                // A press in the list (or on its scrollbar) must not blur the field.
                onMouseDown={(event) => event.preventDefault()}
              >
                {visible.map((option, index) => (
                  // Keyboard users pick from the field (aria-activedescendant); a click or tap picks here.
                  // eslint-disable-next-line jsx-a11y/click-events-have-key-events
                  <li
                    key={option.value}
                    id={optionId(index)}
                    role='option'
                    aria-selected={index === active}
                    ref={index === active ? keepInView : undefined}
                    className='flex cursor-default items-center gap-2 rounded-sm px-2 py-1.5 text-sm aria-selected:bg-muted pointer-coarse:py-2.5'
                    onPointerMove={() => index !== active && setActive(index)}
                    onClick={() => choose(option)}
                  >
                    <span className='min-w-0 flex-1 break-words'>{option.label}</span>
                    {option.value === value && (
                      <Check className='size-4 shrink-0 text-primary' aria-hidden='true' />
                    )}
                  </li>
                ))}
              </ul>
            )}
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  )
}
