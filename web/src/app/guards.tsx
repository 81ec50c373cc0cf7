import { Navigate, Outlet, useLocation } from 'react-router'
import { Spinner } from '@/components/ui/spinner.tsx'
import { useAuth } from '@/lib/auth.tsx'

export function FullPageSpinner() {
  return <Spinner className='min-h-dvh' />
}

/** Signed-out visitors go to the sign-in page, which sends them back where they were going. */
export function RequireAuth() {
  const { session, loading } = useAuth()
  const location = useLocation()
  if (loading) return <FullPageSpinner />
  if (!session) {
    return <Navigate to='/sign-in' replace state={{ from: location.pathname + location.search }} />
  }
  return <Outlet />
}

export function RedirectIfSignedIn() {
  const { session, loading } = useAuth()
  const location = useLocation()
  if (loading) return <FullPageSpinner />
  if (session) return <Navigate to={(location.state as { from?: string } | null)?.from ?? '/'} replace />
  return <Outlet />
}
