import { QueryClientProvider } from '@tanstack/react-query'
import { lazy, type ReactNode, Suspense, useState } from 'react'
import { AuthProvider } from '@/lib/auth.tsx'
import { createQueryClient } from '@/lib/query-client.ts'

// Nothing toasts before the first page is drawn, so sonner's Toaster loads after it.
const Toaster = lazy(() => import('sonner').then((m) => ({ default: m.Toaster })))

export function AppProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient)
  return (
    <QueryClientProvider client={queryClient}>
      <AuthProvider>
        {children}
        <Suspense>
          {/* Bottom right: clear of the header's tenant switcher, language switch and user menu. */}
          <Toaster position='bottom-right' richColors closeButton />
        </Suspense>
      </AuthProvider>
    </QueryClientProvider>
  )
}
