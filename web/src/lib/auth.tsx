import type { Session } from '@supabase/supabase-js'
import { useQueryClient } from '@tanstack/react-query'
import { createContext, type ReactNode, use, useEffect, useState } from 'react'
import { hasStoredSession } from './stored-session.ts'

interface AuthState {
  session: Session | null
  /** True until the stored session (if any) has been read. */
  loading: boolean
}

const AuthContext = createContext<AuthState>({ session: null, loading: true })

/**
 * Follows supabase-js's session (sign-in, refresh, sign-out, other tabs) and clears cached data on sign-out.
 * supabase-js loads after the first render: a visitor with no stored session sees the sign-in page without
 * waiting for it, and it has arrived by the time they submit.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient()
  const [state, setState] = useState<AuthState>(() => ({ session: null, loading: hasStoredSession() }))

  useEffect(() => {
    let active = true
    let unsubscribe: (() => void) | undefined
    import('./supabase.ts').then(({ supabase }) => {
      if (!active) return
      void supabase.auth.getSession().then(({ data }) => {
        if (active) setState({ session: data.session, loading: false })
      })
      const { data } = supabase.auth.onAuthStateChange((event, session) => {
        if (event === 'SIGNED_OUT') queryClient.clear()
        setState({ session, loading: false })
      })
      unsubscribe = () => data.subscription.unsubscribe()
    }).catch((error: unknown) => {
      // Offline, or a deployment replaced the chunk: treat as signed out; signing in reports the failure.
      console.error(error)
      if (active) setState({ session: null, loading: false })
    })
    return () => {
      active = false
      unsubscribe?.()
    }
  }, [queryClient])

  return <AuthContext value={state}>{children}</AuthContext>
}

export function useAuth() {
  return use(AuthContext)
}
