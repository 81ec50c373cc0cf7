import { zodResolver } from '@hookform/resolvers/zod'
import { useMemo } from 'react'
import { Controller, useForm, useWatch } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { CreateTenantBody, LANGUAGES, type Tenant } from '@shared/contracts/tenants.ts'
import { PROFESSIONS } from '@shared/professions.ts'
import { Button } from '@/components/ui/button.tsx'
import { Combobox } from '@/components/ui/combobox.tsx'
import { FormField } from '@/components/ui/form-field.tsx'
import { Input, NativeSelect } from '@/components/ui/input.tsx'
import { fieldMessage, useFeedback } from '@/lib/feedback.ts'
import { currentLanguage } from '@/lib/i18n.ts'
import { useCreateTenant } from '../api/create-tenant.ts'
import { browserCountry, countryOptions } from '../countries.ts'
import { phonePlaceholder } from '../owner-phone.ts'
import { browserTimeZone, timeZoneOptions } from '../time-zones.ts'

type FormInput = z.input<typeof CreateTenantBody>

export function CreateTenantForm({ onCreated }: { onCreated: (tenant: Tenant) => void }) {
  const { t, i18n } = useTranslation()
  const createTenant = useCreateTenant()
  const withFeedback = useFeedback()
  const countries = useMemo(() => countryOptions(i18n.language), [i18n.language])
  const zones = useMemo(() => timeZoneOptions(), [])
  const form = useForm<FormInput, unknown, CreateTenantBody>({
    resolver: zodResolver(CreateTenantBody),
    defaultValues: {
      name: '',
      country: browserCountry(),
      language: currentLanguage(),
      timezone: browserTimeZone(),
      profession: 'doctor',
    },
  })
  const { errors } = form.formState
  const country = useWatch({ control: form.control, name: 'country' })

  const onSubmit = form.handleSubmit(async (values) => {
    const tenant = await withFeedback(() => createTenant.mutateAsync(values), {
      success: t('tenants.created', { name: values.name }),
      failure: t('tenants.createFailed'),
      form,
    })
    if (tenant) onCreated(tenant)
  })

  return (
    <form noValidate onSubmit={onSubmit} className='grid gap-4'>
      <FormField
        label={t('tenants.name')}
        hint={t('tenants.nameHint')}
        error={errors.name && t('validation.required')}
      >
        <Input autoFocus autoComplete='organization' {...form.register('name')} />
      </FormField>
      <FormField label={t('tenants.profession')} error={errors.profession?.message}>
        <NativeSelect {...form.register('profession')}>
          {PROFESSIONS.map((p) => <option key={p} value={p}>{t(`professions.${p}`)}</option>)}
        </NativeSelect>
      </FormField>
      <div className='grid gap-4 sm:grid-cols-2'>
        <Controller
          control={form.control}
          name='country'
          render={({ field }) => (
            <FormField label={t('tenants.country')} error={errors.country && t('validation.country')}>
              <Combobox
                {...field}
                options={countries}
                label={t('tenants.country')}
                placeholder={t('tenants.countryPlaceholder')}
                emptyText={t('common.noMatch')}
              />
            </FormField>
          )}
        />
        <FormField
          label={t('tenants.language')}
          hint={t('tenants.languageHint')}
          error={errors.language?.message}
        >
          <NativeSelect {...form.register('language')}>
            {LANGUAGES.map((l) => <option key={l} value={l} lang={l}>{t(`language.${l}`)}</option>)}
          </NativeSelect>
        </FormField>
      </div>
      <FormField
        label={t('tenants.ownerPhone')}
        hint={t('tenants.ownerPhoneHint')}
        error={fieldMessage(errors.owner_phone, t('tenants.ownerPhoneInvalid'))}
      >
        <Input
          type='tel'
          autoComplete='tel'
          placeholder={phonePlaceholder(country)}
          {...form.register('owner_phone', { setValueAs: (v: string) => v.trim() || undefined })}
        />
      </FormField>
      <Controller
        control={form.control}
        name='timezone'
        render={({ field }) => (
          <FormField label={t('tenants.timezone')} error={errors.timezone && t('validation.timezone')}>
            <Combobox
              {...field}
              options={zones}
              label={t('tenants.timezone')}
              emptyText={t('common.noMatch')}
            />
          </FormField>
        )}
      />
      <Button
        type='submit'
        loading={createTenant.isPending}
        className='mt-1 w-full sm:w-auto sm:justify-self-end'
      >
        {t('tenants.createSubmit')}
      </Button>
    </form>
  )
}
