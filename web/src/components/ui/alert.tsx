import { cva, type VariantProps } from 'class-variance-authority'
import type { ComponentProps } from 'react'
import { cn } from '@/lib/utils.ts'

const alertVariants = cva(
  'flex gap-3 rounded-lg border p-4 text-sm [&>svg]:mt-0.5 [&>svg]:size-4 [&>svg]:shrink-0',
  {
    variants: {
      variant: {
        info: 'bg-card',
        warning: 'border-warning/40 bg-warning/8 [&>svg]:text-warning',
        destructive: 'border-destructive/40 bg-destructive/5 text-destructive',
      },
    },
    defaultVariants: { variant: 'info' },
  },
)

export function Alert(
  { className, variant, ...props }: ComponentProps<'div'> & VariantProps<typeof alertVariants>,
) {
  return <div role='status' className={cn(alertVariants({ variant }), className)} {...props} />
}
