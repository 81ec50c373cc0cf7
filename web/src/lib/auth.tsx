import type { Session } from '@supabase/supabase-js'
import { useQueryClient } from '@tanstack/react-query'
import { createContext, type ReactNode, use, useEffect, useState } from 'react'
import { supabase } from './supabase.ts'

interface AuthState {
  session: Session | null
  /** True until the stored session (if any) has been read. */
  loading: boolean
}

const AuthContext = createContext<AuthState>({ session: null, loading: true })

/** Follows supabase-js's session (sign-in, refresh, sign-out, other tabs) and clears cached data on sign-out. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient()
  const [state, setState] = useState<AuthState>({ session: null, loading: true })

  useEffect(() => {
    let active = true
    supabase.auth.getSession().then(({ data }) => {
      if (active) setState({ session: data.session, loading: false })
    })
    const { data } = supabase.auth.onAuthStateChange((event, session) => {
      if (event === 'SIGNED_OUT') queryClient.clear()
      setState({ session, loading: false })
    })
    return () => {
      active = false
      data.subscription.unsubscribe()
    }
  }, [queryClient])

  return <AuthContext value={state}>{children}</AuthContext>
}

export function useAuth() {
  return use(AuthContext)
}
