import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '@/components/ui/button.tsx'
import { Tooltip } from '@/components/ui/tooltip.tsx'

/**
 * An action that exists in the product's shape but not yet in this release. aria-disabled rather than
 * disabled: the button stays focusable, so keyboard and screen-reader users reach the tooltip that says why.
 */
export function ComingSoonButton({ children }: { children: ReactNode }) {
  const { t } = useTranslation()
  return (
    <Tooltip content={t('common.comingSoon')}>
      <Button aria-disabled='true' className='cursor-not-allowed opacity-50' onClick={(e) => e.preventDefault()}>
        {children}
      </Button>
    </Tooltip>
  )
}
