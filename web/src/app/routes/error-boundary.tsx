import { Component, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useLocation } from 'react-router'
import { Button } from '@/components/ui/button.tsx'

/** Last resort for a render error in a route (or a page whose code failed to load); cleared by navigating. */
export function RouteErrorBoundary({ children }: { children: ReactNode }) {
  const { pathname } = useLocation()
  return <Boundary pathname={pathname}>{children}</Boundary>
}

interface BoundaryState {
  failed: boolean
  pathname: string
}

class Boundary extends Component<{ pathname: string; children: ReactNode }, BoundaryState> {
  override state: BoundaryState = { failed: false, pathname: this.props.pathname }

  static getDerivedStateFromError(): Partial<BoundaryState> {
    return { failed: true }
  }

  static getDerivedStateFromProps(props: { pathname: string }, state: BoundaryState) {
    return props.pathname === state.pathname ? null : { failed: false, pathname: props.pathname }
  }

  override componentDidCatch(error: unknown) {
    console.error(error)
  }

  override render() {
    return this.state.failed ? <Crashed /> : this.props.children
  }
}

function Crashed() {
  const { t } = useTranslation()
  return (
    <div
      role='alert'
      className='flex min-h-[60dvh] flex-col items-center justify-center gap-3 px-4 text-center'
    >
      <h1 className='text-lg font-semibold'>{t('errors.crashTitle')}</h1>
      <p className='max-w-sm text-sm text-muted-foreground'>{t('errors.crashDescription')}</p>
      <Button variant='outline' onClick={() => location.reload()}>{t('errors.reload')}</Button>
    </div>
  )
}
