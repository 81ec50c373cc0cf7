/** "Get a number": choose how (free Vapi number, Twilio import, the pool), then that way's form. */
import { Plus } from 'lucide-react'
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { PHONE_NUMBER_SOURCES, type PhoneNumberSource } from '@shared/contracts/phone-numbers.ts'
import { Button } from '@/components/ui/button.tsx'
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog.tsx'
import { useFeedback } from '@/lib/feedback.ts'
import { cn } from '@/lib/utils.ts'
import { useCreateNumber } from '../api/create-number.ts'
import { PoolNumberForm } from './pool-number-form.tsx'
import type { SourceFormProps } from './source-form.ts'
import { TwilioNumberForm } from './twilio-number-form.tsx'
import { VapiNumberForm } from './vapi-number-form.tsx'

const FORMS = { vapi: VapiNumberForm, twilio: TwilioNumberForm, pool: PoolNumberForm } as const

export function GetNumberDialog({ tenantId }: { tenantId: string }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const [source, setSource] = useState<PhoneNumberSource>('vapi')
  const groupId = useId()
  const create = useCreateNumber(tenantId)
  const withFeedback = useFeedback()
  const Form = FORMS[source]

  const onSubmit: SourceFormProps['onSubmit'] = async (body, form) => {
    const created = await withFeedback(() => create.mutateAsync(body), {
      success: t('numbers.create.done'),
      failure: t('numbers.create.failed'),
      form,
    })
    if (created) setOpen(false)
  }

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button>
          <Plus aria-hidden='true' />
          {t('numbers.create.action')}
        </Button>
      </DialogTrigger>
      <DialogContent className='max-h-[calc(100dvh-2rem)] overflow-y-auto'>
        <DialogHeader>
          <DialogTitle>{t('numbers.create.title')}</DialogTitle>
          <DialogDescription>{t('numbers.create.description')}</DialogDescription>
        </DialogHeader>
        <div role='radiogroup' aria-labelledby={`${groupId}-label`} className='grid gap-2 sm:grid-cols-3'>
          <span id={`${groupId}-label`} className='sr-only'>{t('numbers.create.sourceLabel')}</span>
          {PHONE_NUMBER_SOURCES.map((s) => (
            <button
              key={s}
              type='button'
              role='radio'
              aria-checked={source === s}
              onClick={() => setSource(s)}
              className={cn(
                'grid gap-0.5 rounded-md border p-3 text-left text-sm outline-none transition-colors focus-visible:ring-2 focus-visible:ring-ring',
                source === s ? 'border-primary bg-primary/5' : 'hover:bg-muted',
              )}
            >
              <span className='font-medium'>{t(`numbers.create.sources.${s}.title`)}</span>
              <span className='text-xs text-muted-foreground'>{t(`numbers.create.sources.${s}.hint`)}</span>
            </button>
          ))}
        </div>
        <Form key={source} tenantId={tenantId} onSubmit={onSubmit} />
      </DialogContent>
    </Dialog>
  )
}
