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

let requestAuthClient = () => {}
const authClientRequested = new Promise<void>((resolve) => (requestAuthClient = resolve))
const authClient = authClientRequested.then(() => import('./supabase.ts'))

/**
 * Starts loading supabase-js, once. A visitor with a stored session needs it at once; for the others the
 * auth pages ask for it after they have drawn, so it does not compete with them for the network.
 */
export function loadAuthClient() {
  requestAuthClient()
  return authClient
}

/**
 * Follows supabase-js's session (sign-in, refresh, sign-out, other tabs) from the moment it has loaded, and
 * clears cached data on sign-out. Without a stored session the visitor is signed out from the first render.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient()
  const [state, setState] = useState<AuthState>(() => ({ session: null, loading: hasStoredSession() }))

  useEffect(() => {
    let active = true
    let unsubscribe: (() => void) | undefined
    if (hasStoredSession()) void loadAuthClient()
    authClient.then(({ supabase }) => {
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
