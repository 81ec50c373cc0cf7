import type { LucideIcon } from 'lucide-react'
import type { ReactNode } from 'react'
import { cn } from '@/lib/utils.ts'

export function EmptyState(
  { icon: Icon, title, description, action, className }: {
    icon: LucideIcon
    title: string
    description: ReactNode
    action?: ReactNode
    className?: string
  },
) {
  return (
    <div
      className={cn(
        'flex flex-col items-center justify-center gap-3 rounded-lg border border-dashed bg-card px-6 py-14 text-center',
        className,
      )}
    >
      <div className='flex size-11 items-center justify-center rounded-full bg-accent text-accent-foreground'>
        <Icon className='size-5' aria-hidden='true' />
      </div>
      <div className='grid max-w-sm gap-1'>
        <h2 className='text-base font-semibold'>{title}</h2>
        <p className='text-sm text-muted-foreground'>{description}</p>
      </div>
      {action && <div className='mt-1'>{action}</div>}
    </div>
  )
}
