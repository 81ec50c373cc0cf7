/** A number from the platform's pool: the country it comes from (and why), and how many are left there. */
import { zodResolver } from '@hookform/resolvers/zod'
import { useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { ClaimPoolNumberBody } from '@shared/contracts/phone-numbers.ts'
import { Alert } from '@/components/ui/alert.tsx'
import { Button } from '@/components/ui/button.tsx'
import { FormField } from '@/components/ui/form-field.tsx'
import { Input } from '@/components/ui/input.tsx'
import { Skeleton } from '@/components/ui/skeleton.tsx'
import { countryName } from '@/lib/countries.ts'
import { problemMessage } from '@/lib/problem-message.ts'
import { useNumberOptions } from '../api/get-number-options.ts'
import { formatPhone } from '@/lib/phone.ts'
import type { SourceFormProps } from './source-form.ts'

type Values = z.input<typeof ClaimPoolNumberBody>

export function PoolNumberForm({ tenantId, onSubmit }: SourceFormProps) {
  const { t, i18n } = useTranslation()
  const options = useNumberOptions(tenantId)
  const form = useForm<Values, unknown, z.output<typeof ClaimPoolNumberBody>>({
    resolver: zodResolver(ClaimPoolNumberBody),
    defaultValues: { source: 'pool', name: undefined },
  })
  const submit = form.handleSubmit((body) => onSubmit(body, form))
  const pool = options.data?.pool
  const country = pool && countryName(pool.country, i18n.language)

  return (
    <form noValidate onSubmit={submit} className='grid gap-4'>
      {options.isPending && <Skeleton className='h-16 w-full' />}
      {options.isError && (
        <Alert variant='destructive' role='alert'>
          {t('numbers.pool.loadFailed', { reason: problemMessage(options.error, t) })}
        </Alert>
      )}
      {pool && (
        <Alert variant={pool.available ? 'info' : 'warning'}>
          <div className='grid gap-1'>
            <p>
              {t(`numbers.pool.country.${pool.country_source}`, { country })}
            </p>
            <p className='font-medium'>
              {pool.available
                ? t('numbers.pool.available', { count: pool.available, next: formatPhone(pool.numbers[0]) })
                : t('numbers.pool.none', { country })}
            </p>
          </div>
        </Alert>
      )}
      <FormField label={t('numbers.nameLabel')} hint={t('numbers.nameHint')} error={form.formState.errors.name?.message}>
        <Input maxLength={40} {...form.register('name', { setValueAs: (v: string) => v.trim() || undefined })} />
      </FormField>
      <Button
        type='submit'
        loading={form.formState.isSubmitting}
        disabled={!pool?.available}
        className='justify-self-end'
      >
        {t('numbers.pool.submit')}
      </Button>
    </form>
  )
}
