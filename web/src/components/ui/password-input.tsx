import { Eye, EyeOff } from 'lucide-react'
import { type ComponentProps, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { cn } from '@/lib/utils.ts'
import { inputClass } from './input.tsx'

export function PasswordInput({ className, ...props }: Omit<ComponentProps<'input'>, 'type'>) {
  const { t } = useTranslation()
  const [visible, setVisible] = useState(false)
  return (
    <div className='relative'>
      <input type={visible ? 'text' : 'password'} className={cn(inputClass, 'pr-10', className)} {...props} />
      <button
        type='button'
        onClick={() => setVisible((v) => !v)}
        className='absolute inset-y-0 right-0 flex w-9 items-center justify-center rounded-r-md text-muted-foreground hover:text-foreground outline-none focus-visible:ring-2 focus-visible:ring-ring'
        aria-label={visible ? t('common.hide') : t('common.show')}
        aria-pressed={visible}
        disabled={props.disabled}
      >
        {visible
          ? <EyeOff className='size-4' aria-hidden='true' />
          : <Eye className='size-4' aria-hidden='true' />}
      </button>
    </div>
  )
}
