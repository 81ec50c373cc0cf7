import { Check, Copy } from 'lucide-react'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { toast } from 'sonner'
import { Button } from './button.tsx'

/** Copies `value`; `label` names what is copied for screen readers ("Copy webhook URL"). */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const { t } = useTranslation()
  const [copied, setCopied] = useState(false)
  useEffect(() => {
    if (!copied) return
    const id = setTimeout(() => setCopied(false), 2000)
    return () => clearTimeout(id)
  }, [copied])
  return (
    <Button
      type='button'
      variant='outline'
      size='icon'
      aria-label={label}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(value)
          setCopied(true)
          toast.success(t('common.copied'))
        } catch {
          toast.error(t('common.copyFailed'))
        }
      }}
    >
      {copied ? <Check aria-hidden='true' /> : <Copy aria-hidden='true' />}
    </Button>
  )
}
