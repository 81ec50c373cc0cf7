/** A free Vapi number: a US area code, checked against Vapi's rules while typing; Vapi's limits said first. */
import { zodResolver } from '@hookform/resolvers/zod'
import { useForm, useWatch } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { CreateVapiNumberBody, VAPI_FREE_NUMBER_LIMIT } from '@shared/contracts/phone-numbers.ts'
import { Alert } from '@/components/ui/alert.tsx'
import { Button } from '@/components/ui/button.tsx'
import { FormField } from '@/components/ui/form-field.tsx'
import { Input } from '@/components/ui/input.tsx'
import { useNumberOptions } from '../api/get-number-options.ts'
import type { SourceFormProps } from './source-form.ts'

type Values = z.input<typeof CreateVapiNumberBody>

export function VapiNumberForm({ tenantId, onSubmit }: SourceFormProps) {
  const { t } = useTranslation()
  const form = useForm<Values, unknown, z.output<typeof CreateVapiNumberBody>>({
    resolver: zodResolver(CreateVapiNumberBody),
    defaultValues: { source: 'vapi', area_code: '', name: undefined },
  })
  const areaCode = useWatch({ control: form.control, name: 'area_code' })
  const complete = /^\d{3}$/.test(areaCode ?? '')
  const options = useNumberOptions(tenantId, complete ? areaCode : undefined)
  const vapi = options.data?.vapi
  const full = vapi ? vapi.used >= vapi.limit : false
  const badCode = complete && vapi?.area_code?.code === areaCode && !vapi.area_code.valid
  const { errors } = form.formState

  const submit = form.handleSubmit((body) => onSubmit(body, form))

  return (
    <form noValidate onSubmit={submit} className='grid gap-4'>
      <Alert>
        <div className='grid gap-1'>
          <p>{t('numbers.vapi.limits', { limit: VAPI_FREE_NUMBER_LIMIT })}</p>
          {vapi && (
            <p className='font-medium' data-testid='vapi-usage'>
              {t('numbers.vapi.used', { used: vapi.used, limit: vapi.limit })}
            </p>
          )}
        </div>
      </Alert>
      <FormField
        label={t('numbers.vapi.areaCode')}
        hint={badCode ? undefined : t('numbers.vapi.areaCodeHint')}
        error={errors.area_code
          ? t('numbers.vapi.areaCodeInvalid')
          : badCode
          ? t('numbers.vapi.notUs', { code: areaCode })
          : undefined}
      >
        <Input inputMode='numeric' maxLength={3} autoComplete='off' placeholder='415' {...form.register('area_code')} />
      </FormField>
      <FormField label={t('numbers.nameLabel')} hint={t('numbers.nameHint')} error={errors.name?.message}>
        <Input maxLength={40} {...form.register('name', { setValueAs: (v: string) => v.trim() || undefined })} />
      </FormField>
      <Button type='submit' loading={form.formState.isSubmitting} disabled={full} className='justify-self-end'>
        {full ? t('numbers.vapi.full') : t('numbers.vapi.submit')}
      </Button>
    </form>
  )
}
