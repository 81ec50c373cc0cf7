import { Languages } from 'lucide-react'
import type { ComponentProps } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '@/components/ui/button.tsx'
import { currentLanguage } from '@/lib/i18n.ts'

/** The language switch's trigger: drawn at once, while its menu's code loads. */
export function LanguageButton(props: ComponentProps<typeof Button>) {
  const { t } = useTranslation()
  const language = currentLanguage()
  return (
    <Button
      variant='ghost'
      size='sm'
      aria-label={t('language.label', { language: t(`language.${language}`) })}
      {...props}
    >
      <Languages aria-hidden='true' />
      <span className='uppercase'>{language}</span>
    </Button>
  )
}
