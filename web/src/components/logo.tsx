import { cn } from '@/lib/utils.ts'

export function Logo({ className }: { className?: string }) {
  return (
    <span className={cn('inline-flex items-center gap-2 font-semibold tracking-tight', className)}>
      <svg viewBox='0 0 32 32' className='size-6' aria-hidden='true'>
        <rect width='32' height='32' rx='8' className='fill-primary' />
        <path d='M10 12h12M10 16h8M10 20h10' stroke='white' strokeWidth='2.5' strokeLinecap='round' />
      </svg>
      Switchboard
    </span>
  )
}
