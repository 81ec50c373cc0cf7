import { lazy, Suspense } from 'react'
import { LanguageButton } from './language-button.tsx'

// The menu (Radix, floating-ui) is not needed to draw the sign-in page; its button is.
const LanguageMenu = lazy(() => import('./language-menu.tsx'))

export function LanguageSwitch() {
  return (
    <Suspense fallback={<LanguageButton />}>
      <LanguageMenu />
    </Suspense>
  )
}
