import type { ReactNode } from 'react'

export function PageHeader(
  { title, description, actions }: { title: string; description?: string; actions?: ReactNode },
) {
  return (
    <div className='mb-6 flex flex-wrap items-end justify-between gap-3'>
      <div className='grid gap-1'>
        <h1 className='text-xl font-semibold tracking-tight'>{title}</h1>
        {description && <p className='text-sm text-muted-foreground'>{description}</p>}
      </div>
      {actions}
    </div>
  )
}
