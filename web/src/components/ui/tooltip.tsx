import { Tooltip as TooltipPrimitive } from 'radix-ui'
import type { ComponentProps, ReactNode } from 'react'
import { cn } from '@/lib/utils.ts'

/**
 * A tooltip on any focusable child; for a disabled button, wrap it in a focusable span so keyboards reach it.
 * Each brings its own provider, so the first bundle carries no tooltip code.
 */
export function Tooltip(
  { content, children, className, ...props }:
    & { content: ReactNode; children: ReactNode }
    & ComponentProps<typeof TooltipPrimitive.Content>,
) {
  return (
    <TooltipPrimitive.Provider delayDuration={200}>
      <TooltipPrimitive.Root>
        <TooltipPrimitive.Trigger asChild>{children}</TooltipPrimitive.Trigger>
        <TooltipPrimitive.Portal>
          <TooltipPrimitive.Content
            sideOffset={6}
            className={cn(
              'z-50 rounded-md bg-foreground px-2.5 py-1.5 text-xs text-background shadow-md animate-fade-in',
              className,
            )}
            {...props}
          >
            {content}
          </TooltipPrimitive.Content>
        </TooltipPrimitive.Portal>
      </TooltipPrimitive.Root>
    </TooltipPrimitive.Provider>
  )
}
