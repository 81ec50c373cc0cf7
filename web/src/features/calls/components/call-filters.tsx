/**
 * The list's filters: words searched in transcripts and summaries (sent once typing pauses), a date range,
 * the assistant, the number called, the ended reason and the success evaluation. Every change goes to the
 * query string (the page reads its filters from there), so a filtered view can be shared.
 */
import { Search, X } from 'lucide-react'
import { useEffect, useId, useState } from 'react'
import type { CallFilters } from '@shared/contracts/calls.ts'
import { Button } from '@/components/ui/button.tsx'
import { Input, NativeSelect } from '@/components/ui/input.tsx'
import { Label } from '@/components/ui/label.tsx'
import { useCallsTranslation } from '../i18n.ts'
import { FILTERABLE_REASONS } from '../model/ended-reasons.ts'
import { hasFilters } from '../model/filters.ts'
import { useDebounced } from '../model/use-now.ts'
import type { CallNames } from './call-context.ts'
import { endedReasonText } from './call-labels.tsx'

export type FilterChange = Partial<Record<keyof CallFilters, string | undefined>>

export function CallFiltersBar({ filters, names, onChange, onClear }: {
  filters: CallFilters
  names: CallNames
  onChange: (changes: FilterChange) => void
  onClear: () => void
}) {
  const { t } = useCallsTranslation()
  const id = useId()
  const [text, setText] = useState(filters.q ?? '')
  const typed = useDebounced(text.trim())

  // The URL changed under the box (back button, "Clear"): the box follows.
  const [shownQuery, setShownQuery] = useState(filters.q)
  if (shownQuery !== filters.q) {
    setShownQuery(filters.q)
    if ((filters.q ?? '') !== text.trim()) setText(filters.q ?? '')
  }

  useEffect(() => {
    if (typed !== (filters.q ?? '')) onChange({ q: typed || undefined })
    // Only a pause in typing sends the search; a URL change is followed above.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [typed])

  const field = (name: string) => `${id}-${name}`
  return (
    <div role='search' aria-label={t('filters.label')} className='grid gap-3 rounded-lg border bg-card p-3'>
      <div className='relative'>
        <Search
          className='pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground'
          aria-hidden='true'
        />
        <Input
          type='search'
          aria-label={t('filters.search')}
          placeholder={t('filters.searchPlaceholder')}
          className='pl-9'
          maxLength={200}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <div className='grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6'>
        <div className='grid gap-1.5'>
          <Label htmlFor={field('from')} className='text-xs text-muted-foreground'>{t('filters.from')}</Label>
          <Input
            id={field('from')}
            type='date'
            value={filters.from ?? ''}
            max={filters.to}
            onChange={(e) => onChange({ from: e.target.value })}
          />
        </div>
        <div className='grid gap-1.5'>
          <Label htmlFor={field('to')} className='text-xs text-muted-foreground'>{t('filters.to')}</Label>
          <Input
            id={field('to')}
            type='date'
            value={filters.to ?? ''}
            min={filters.from}
            onChange={(e) => onChange({ to: e.target.value })}
          />
        </div>
        <div className='grid gap-1.5'>
          <Label htmlFor={field('assistant')} className='text-xs text-muted-foreground'>
            {t('filters.assistant')}
          </Label>
          <NativeSelect
            id={field('assistant')}
            value={filters.assistant_id ?? ''}
            onChange={(e) => onChange({ assistant_id: e.target.value })}
          >
            <option value=''>{t('filters.any')}</option>
            {names.assistants.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
          </NativeSelect>
        </div>
        <div className='grid gap-1.5'>
          <Label htmlFor={field('number')} className='text-xs text-muted-foreground'>{t('filters.number')}</Label>
          <NativeSelect
            id={field('number')}
            value={filters.phone_number_id ?? ''}
            onChange={(e) => onChange({ phone_number_id: e.target.value })}
          >
            <option value=''>{t('filters.any')}</option>
            {names.numbers.map((n) => (
              <option key={n.id} value={n.id}>
                {names.phone(n.number)}
                {n.name ? ` · ${n.name}` : ''}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className='grid gap-1.5'>
          <Label htmlFor={field('reason')} className='text-xs text-muted-foreground'>{t('filters.reason')}</Label>
          <NativeSelect
            id={field('reason')}
            value={filters.ended_reason ?? ''}
            onChange={(e) => onChange({ ended_reason: e.target.value })}
          >
            <option value=''>{t('filters.any')}</option>
            {FILTERABLE_REASONS.map((reason) => (
              <option key={reason} value={reason}>{endedReasonText(reason, t)}</option>
            ))}
            {filters.ended_reason && !(FILTERABLE_REASONS as readonly string[]).includes(filters.ended_reason) && (
              <option value={filters.ended_reason}>{endedReasonText(filters.ended_reason, t)}</option>
            )}
          </NativeSelect>
        </div>
        <div className='grid gap-1.5'>
          <Label htmlFor={field('success')} className='text-xs text-muted-foreground'>
            {t('filters.success')}
          </Label>
          <NativeSelect
            id={field('success')}
            value={filters.success ?? ''}
            onChange={(e) => onChange({ success: e.target.value })}
          >
            <option value=''>{t('filters.any')}</option>
            <option value='true'>{t('success.yes')}</option>
            <option value='false'>{t('success.no')}</option>
            <option value='unknown'>{t('success.unknown')}</option>
          </NativeSelect>
        </div>
      </div>
      {hasFilters(filters) && (
        <div>
          <Button variant='ghost' size='sm' onClick={onClear}>
            <X aria-hidden='true' />
            {t('filters.clear')}
          </Button>
        </div>
      )}
    </div>
  )
}
