import { Dialog as SheetPrimitive } from 'radix-ui'
import type { ComponentProps } from 'react'
import { cn } from '@/lib/utils.ts'
import { overlayClass } from './dialog.tsx'

export const Sheet = SheetPrimitive.Root
export const SheetTitle = SheetPrimitive.Title
export const SheetClose = SheetPrimitive.Close
export const SheetDescription = SheetPrimitive.Description

/** A panel sliding from the left: the sidebar on small screens. */
export function SheetContent({ className, ...props }: ComponentProps<typeof SheetPrimitive.Content>) {
  return (
    <SheetPrimitive.Portal>
      <SheetPrimitive.Overlay className={overlayClass} />
      <SheetPrimitive.Content
        className={cn(
          'fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] flex-col border-r bg-card shadow-lg outline-none animate-slide-in-left',
          className,
        )}
        {...props}
      />
    </SheetPrimitive.Portal>
  )
}
