import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '@/components/ui/button.tsx'
import { Tooltip } from '@/components/ui/tooltip.tsx'

/** An action that exists in the product's shape but not yet in this release; the wrapper keeps it focusable. */
export function ComingSoonButton({ children }: { children: ReactNode }) {
  const { t } = useTranslation()
  return (
    <Tooltip content={t('common.comingSoon')}>
      <span
        tabIndex={0}
        className='inline-flex rounded-md outline-none focus-visible:ring-2 focus-visible:ring-ring'
      >
        <Button disabled aria-disabled='true'>{children}</Button>
      </span>
    </Tooltip>
  )
}
