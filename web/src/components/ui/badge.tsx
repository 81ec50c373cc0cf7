import { cva, type VariantProps } from 'class-variance-authority'
import type { ComponentProps } from 'react'
import { cn } from '@/lib/utils.ts'

const badgeVariants = cva(
  'inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-medium whitespace-nowrap [&_svg]:size-3',
  {
    variants: {
      variant: {
        default: 'border-transparent bg-primary/10 text-primary',
        success: 'border-transparent bg-success/12 text-success',
        muted: 'border-border bg-muted text-muted-foreground',
        warning: 'border-transparent bg-warning/15 text-[oklch(0.45_0.1_70)]',
      },
    },
    defaultVariants: { variant: 'default' },
  },
)

export function Badge(
  { className, variant, ...props }: ComponentProps<'span'> & VariantProps<typeof badgeVariants>,
) {
  return <span className={cn(badgeVariants({ variant }), className)} {...props} />
}
