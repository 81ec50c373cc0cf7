/** Adds a number to the pool: the number in any notation, its country and its provider. */
import { zodResolver } from '@hookform/resolvers/zod'
import { Plus } from 'lucide-react'
import { useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { CreateVirtualNumberBody, VIRTUAL_NUMBER_PROVIDERS } from '@shared/contracts/admin.ts'
import { Button } from '@/components/ui/button.tsx'
import { FormField } from '@/components/ui/form-field.tsx'
import { Input, NativeSelect } from '@/components/ui/input.tsx'
import { fieldMessage, useFeedback } from '@/lib/feedback.ts'
import { useCreateVirtualNumber } from '../api/create-virtual-number.ts'
import { PROVIDER_NAMES } from './labels.ts'

type FormInput = z.input<typeof CreateVirtualNumberBody>

export function AddVirtualNumberForm() {
  const { t } = useTranslation()
  const withFeedback = useFeedback()
  const create = useCreateVirtualNumber()
  const form = useForm<FormInput, unknown, z.output<typeof CreateVirtualNumberBody>>({
    resolver: zodResolver(CreateVirtualNumberBody),
    defaultValues: { number: '', country: '', provider: 'twilio' },
  })
  const { errors } = form.formState

  const submit = form.handleSubmit(async (body) => {
    const added = await withFeedback(() => create.mutateAsync(body), {
      success: t('admin.numbers.added'),
      failure: t('admin.numbers.addFailed'),
      form,
    })
    if (added) form.reset({ number: '', country: body.country, provider: body.provider })
  })

  return (
    <form
      noValidate
      onSubmit={submit}
      aria-labelledby='admin-add-number-title'
      className='grid gap-3 rounded-lg border bg-muted/30 p-4 sm:grid-cols-[minmax(0,1fr)_7rem_9rem_auto] sm:items-start'
    >
      <h3 id='admin-add-number-title' className='text-sm font-semibold sm:col-span-4'>{t('admin.numbers.addTitle')}</h3>
      <FormField
        label={t('admin.numbers.number')}
        error={fieldMessage(errors.number, t('admin.numbers.numberInvalid'))}
      >
        <Input type='tel' autoComplete='off' placeholder='+33 1 84 80 01 01' {...form.register('number')} />
      </FormField>
      <FormField label={t('admin.numbers.country')} error={fieldMessage(errors.country, t('validation.country'))}>
        <Input className='uppercase' maxLength={2} autoComplete='off' placeholder='FR' {...form.register('country')} />
      </FormField>
      <FormField label={t('admin.numbers.provider')} error={fieldMessage(errors.provider, t('validation.required'))}>
        <NativeSelect {...form.register('provider')}>
          {VIRTUAL_NUMBER_PROVIDERS.map((p) => <option key={p} value={p}>{PROVIDER_NAMES[p]}</option>)}
        </NativeSelect>
      </FormField>
      <Button type='submit' className='sm:mt-[1.375rem]' loading={form.formState.isSubmitting}>
        <Plus aria-hidden='true' />
        {t('admin.numbers.add')}
      </Button>
    </form>
  )
}
