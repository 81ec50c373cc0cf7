import { cloneElement, type ReactElement, useId } from 'react'
import { cn } from '@/lib/utils.ts'
import { Label } from './label.tsx'

interface FieldProps {
  label: string
  /** The control; it receives id, aria-invalid and aria-describedby. */
  children: ReactElement<{ id?: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string }>
  hint?: string
  error?: string
  className?: string
}

/** A labelled control with its hint and error wired for screen readers. */
export function FormField({ label, children, hint, error, className }: FieldProps) {
  const id = useId()
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = error ? `${id}-error` : undefined
  return (
    <div className={cn('grid gap-1.5', className)}>
      <Label htmlFor={id}>{label}</Label>
      {cloneElement(children, {
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') || undefined,
      })}
      {hint && !error && <p id={hintId} className='text-xs text-muted-foreground'>{hint}</p>}
      {error && <p id={errorId} role='alert' className='text-xs font-medium text-destructive'>{error}</p>}
    </div>
  )
}
