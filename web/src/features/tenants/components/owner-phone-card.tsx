/**
 * Settings → General: the owner's own phone, where calls no assistant answers are forwarded and whose
 * country picks the virtual-number pool. Editable by whoever may manage the tenant.
 */
import { zodResolver } from '@hookform/resolvers/zod'
import { Phone } from 'lucide-react'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { OwnerPhone } from '@shared/contracts/tenants.ts'
import { ConfirmDialog } from '@/components/ui/alert-dialog.tsx'
import { Button } from '@/components/ui/button.tsx'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card.tsx'
import { FormField } from '@/components/ui/form-field.tsx'
import { Input } from '@/components/ui/input.tsx'
import { fieldMessage, useFeedback } from '@/lib/feedback.ts'
import { useUpdateTenant } from '../api/update-tenant.ts'
import { formatPhone } from '@/lib/phone.ts'
import { phonePlaceholder } from '../owner-phone.ts'
import { useCan, useCurrentTenant } from './tenant-context.tsx'

const PhoneForm = z.object({ owner_phone: OwnerPhone })
type PhoneForm = z.infer<typeof PhoneForm>

export function OwnerPhoneCard() {
  const { t } = useTranslation()
  const { tenant } = useCurrentTenant()
  const canManage = useCan('tenant.manage')
  const update = useUpdateTenant(tenant.id)
  const withFeedback = useFeedback()
  const [editing, setEditing] = useState(false)
  const phone = tenant.owner_phone ?? null
  const form = useForm<PhoneForm>({
    resolver: zodResolver(PhoneForm),
    defaultValues: { owner_phone: phone ? formatPhone(phone) : '' },
  })
  const error = form.formState.errors.owner_phone

  const submit = form.handleSubmit(async (body) => {
    const saved = await withFeedback(() => update.mutateAsync(body), {
      success: t('tenants.ownerPhoneSaved'),
      failure: t('tenants.ownerPhoneSaveFailed'),
      form,
    })
    if (saved) setEditing(false)
  })

  const remove = () =>
    withFeedback(() => update.mutateAsync({ owner_phone: null }), {
      success: t('tenants.ownerPhoneRemoved'),
      failure: t('tenants.ownerPhoneSaveFailed'),
    })

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('tenants.ownerPhoneTitle')}</CardTitle>
        <CardDescription>{t('tenants.ownerPhoneDescription')}</CardDescription>
      </CardHeader>
      <CardContent className='grid gap-4'>
        {!editing && (
          <div className='flex flex-wrap items-center justify-between gap-3'>
            <p className='inline-flex items-center gap-2 text-sm'>
              <Phone className='size-4 text-muted-foreground' aria-hidden='true' />
              {phone
                ? <span className='font-medium tabular-nums'>{formatPhone(phone)}</span>
                : <span className='text-muted-foreground'>{t('tenants.ownerPhoneNone')}</span>}
            </p>
            {canManage && (
              <div className='flex gap-2'>
                <Button
                  variant='outline'
                  size='sm'
                  onClick={() => {
                    form.reset({ owner_phone: phone ? formatPhone(phone) : '' })
                    setEditing(true)
                  }}
                >
                  {phone ? t('tenants.ownerPhoneEdit') : t('tenants.ownerPhoneAdd')}
                </Button>
                {phone && (
                  <ConfirmDialog
                    trigger={
                      <Button variant='ghost' size='sm' className='text-destructive hover:text-destructive'>
                        {t('tenants.ownerPhoneRemove')}
                      </Button>
                    }
                    title={t('tenants.ownerPhoneRemove')}
                    description={t('tenants.ownerPhoneDescription')}
                    confirmLabel={t('tenants.ownerPhoneRemove')}
                    onConfirm={remove}
                  />
                )}
              </div>
            )}
          </div>
        )}
        {editing && (
          <form noValidate onSubmit={submit} className='grid max-w-md gap-3'>
            <FormField
              label={t('tenants.ownerPhoneTitle')}
              hint={t('tenants.ownerPhoneHint')}
              error={fieldMessage(error, t('tenants.ownerPhoneInvalid'))}
            >
              <Input
                type='tel'
                autoComplete='tel'
                autoFocus
                placeholder={phonePlaceholder(tenant.country)}
                {...form.register('owner_phone')}
              />
            </FormField>
            <div className='flex flex-wrap gap-2'>
              <Button type='submit' loading={form.formState.isSubmitting}>{t('common.save')}</Button>
              <Button type='button' variant='ghost' onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
            </div>
          </form>
        )}
      </CardContent>
    </Card>
  )
}
