/**
 * Settings → General: how long the tenant's calls and their recordings are kept (forever, a preset or a custom
 * number of days), recordings never longer than calls. Checked with the contract's schema before sending;
 * shortening asks first, since what is older is then deleted, here and in Vapi.
 */
import { Archive, Lock } from 'lucide-react'
import { useState } from 'react'
import { type FieldErrors, type Resolver, useForm, useWatch } from 'react-hook-form'
import { Retention } from '@shared/contracts/calls.ts'
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from '@/components/ui/alert-dialog.tsx'
import { Button } from '@/components/ui/button.tsx'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card.tsx'
import { FormField } from '@/components/ui/form-field.tsx'
import { Input, NativeSelect } from '@/components/ui/input.tsx'
import { QueryErrorAlert } from '@/components/ui/query-error-alert.tsx'
import { Skeleton } from '@/components/ui/skeleton.tsx'
import { useFeedback } from '@/lib/feedback.ts'
import { problemMessage } from '@/lib/problem-message.ts'
import { useRetention, useSetRetention } from '../api/retention.ts'
import { useSettingsTranslation } from '../i18n.ts'

export const PRESET_DAYS = [30, 90, 180, 365] as const
const CHOICES = ['forever', ...PRESET_DAYS.map(String), 'custom'] as const

/** The contract's retention, and its one rule across fields: recordings are not kept longer than their calls. */
export const RetentionRules = Retention.refine(
  (r) => r.recordings_days === null || r.calls_days === null || r.recordings_days <= r.calls_days,
  { path: ['recordings_days'], message: 'recordings_longer' },
)

export interface RetentionForm {
  calls: string
  callsDays: string
  recordings: string
  recordingsDays: string
}

function toForm(retention: Retention): RetentionForm {
  const side = (days: number | null) =>
    days === null
      ? { choice: 'forever', custom: '' }
      : (PRESET_DAYS as readonly number[]).includes(days)
      ? { choice: String(days), custom: '' }
      : { choice: 'custom', custom: String(days) }
  const calls = side(retention.calls_days)
  const recordings = side(retention.recordings_days)
  return { calls: calls.choice, callsDays: calls.custom, recordings: recordings.choice, recordingsDays: recordings.custom }
}

function days(choice: string, custom: string): number | null {
  if (choice === 'forever') return null
  // An empty or non-numeric custom value is NaN, which the contract refuses.
  return choice === 'custom' ? (custom.trim() === '' ? Number.NaN : Number(custom)) : Number(choice)
}

export function fromForm(form: RetentionForm): unknown {
  return { calls_days: days(form.calls, form.callsDays), recordings_days: days(form.recordings, form.recordingsDays) }
}

/**
 * The form's values as the contract's body, checked by RetentionRules: a number the contract refuses is an
 * error on its custom field, recordings longer than calls an error on the recordings' choice.
 */
export const retentionResolver: Resolver<RetentionForm, unknown, Retention> = (values) => {
  const parsed = RetentionRules.safeParse(fromForm(values))
  if (parsed.success) return { values: parsed.data, errors: {} }
  const errors: FieldErrors<RetentionForm> = {}
  for (const issue of parsed.error.issues) {
    const calls = issue.path[0] === 'calls_days'
    const field: keyof RetentionForm = issue.message === 'recordings_longer'
      ? 'recordings'
      : calls
      ? 'callsDays'
      : 'recordingsDays'
    errors[field] ??= { type: issue.message === 'recordings_longer' ? 'recordings_longer' : issue.code, message: '' }
  }
  return { values: {}, errors }
}

/** Whether a new limit deletes what the old one kept: a number where there was none, or a smaller one. */
export function shortens(before: Retention, after: Retention) {
  const shorter = (old: number | null, next: number | null) => next !== null && (old === null || next < old)
  return shorter(before.calls_days, after.calls_days) || shorter(before.recordings_days, after.recordings_days)
}

export function RetentionCard({ tenantId, canManage }: { tenantId: string; canManage: boolean }) {
  const { t } = useSettingsTranslation()
  const retention = useRetention(tenantId)
  const save = useSetRetention(tenantId)
  return (
    <Card aria-labelledby='retention-title'>
      <CardHeader>
        <CardTitle id='retention-title'>{t('retention.title')}</CardTitle>
        <CardDescription>{t('retention.description')}</CardDescription>
      </CardHeader>
      <CardContent className='grid gap-4'>
        {retention.isPending && (
          <div className='grid gap-3 sm:grid-cols-2' role='status' aria-label={t('common.loading')}>
            <Skeleton className='h-14 w-full' />
            <Skeleton className='h-14 w-full' />
          </div>
        )}
        {retention.isError && (
          <QueryErrorAlert
            message={t('retention.loadFailed', { reason: problemMessage(retention.error, t) })}
            onRetry={() => retention.refetch()}
          />
        )}
        {retention.isSuccess && (
          <RetentionView
            key={`${retention.data.calls_days}:${retention.data.recordings_days}`}
            retention={retention.data}
            canManage={canManage}
            onSave={save.mutateAsync}
          />
        )}
      </CardContent>
    </Card>
  )
}

export function RetentionView({ retention, canManage, onSave }: {
  retention: Retention
  canManage: boolean
  onSave: (body: Retention) => Promise<unknown>
}) {
  const { t } = useSettingsTranslation()
  const withFeedback = useFeedback()
  const [pending, setPending] = useState<Retention | null>(null)
  const [saving, setSaving] = useState(false)
  const [defaults] = useState(() => toForm(retention))
  const form = useForm<RetentionForm, unknown, Retention>({ resolver: retentionResolver, defaultValues: defaults })
  const { errors } = form.formState
  const [calls, recordings] = useWatch({ control: form.control, name: ['calls', 'recordings'] })

  const send = async (body: Retention) => {
    setSaving(true)
    await withFeedback(() => onSave(body), { success: t('retention.saved'), failure: t('retention.saveFailed') })
    setSaving(false)
  }

  const submit = form.handleSubmit(async (body) => {
    if (shortens(retention, body)) setPending(body)
    else await send(body)
  })

  const label = (value: number | null) => value === null ? t('retention.choice.forever') : t('retention.days', { count: value })
  const deletion = (
    <p className='flex gap-2 text-xs text-muted-foreground'>
      <Archive className='size-4 shrink-0' aria-hidden='true' />
      {t('retention.deletion')}
    </p>
  )

  if (!canManage) {
    return (
      <>
        <dl className='grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]'>
          <dt className='text-muted-foreground'>{t('retention.calls')}</dt>
          <dd className='font-medium'>{label(retention.calls_days)}</dd>
          <dt className='text-muted-foreground'>{t('retention.recordings')}</dt>
          <dd className='font-medium'>{label(retention.recordings_days)}</dd>
        </dl>
        {deletion}
        <p className='flex gap-2 text-xs text-muted-foreground'>
          <Lock className='size-4 shrink-0' aria-hidden='true' />
          {t('retention.readOnly')}
        </p>
      </>
    )
  }

  return (
    <form noValidate onSubmit={submit} className='grid gap-4'>
      <div className='grid gap-4 sm:grid-cols-2'>
        <div className='grid content-start gap-2'>
          {/* defaultValue marks the option selected by default: react-hook-form then sees the select untouched. */}
          <FormField label={t('retention.calls')}>
            <NativeSelect defaultValue={defaults.calls} {...form.register('calls')}>
              {CHOICES.map((choice) => <option key={choice} value={choice}>{t(`retention.choice.${choice}`)}</option>)}
            </NativeSelect>
          </FormField>
          {calls === 'custom' && (
            <FormField label={t('retention.callsDays')} error={errors.callsDays && t('retention.invalidDays')}>
              <Input type='number' inputMode='numeric' min={1} max={3650} step={1} {...form.register('callsDays')} />
            </FormField>
          )}
        </div>
        <div className='grid content-start gap-2'>
          <FormField
            label={t('retention.recordings')}
            hint={t('retention.recordingsHint')}
            error={errors.recordings && t('retention.recordingsLonger')}
          >
            <NativeSelect defaultValue={defaults.recordings} {...form.register('recordings')}>
              {CHOICES.map((choice) => <option key={choice} value={choice}>{t(`retention.choice.${choice}`)}</option>)}
            </NativeSelect>
          </FormField>
          {recordings === 'custom' && (
            <FormField label={t('retention.recordingsDays')} error={errors.recordingsDays && t('retention.invalidDays')}>
              <Input type='number' inputMode='numeric' min={1} max={3650} step={1} {...form.register('recordingsDays')} />
            </FormField>
          )}
        </div>
      </div>
      {deletion}
      <div>
        <Button type='submit' loading={form.formState.isSubmitting || saving}>{t('common.save')}</Button>
      </div>

      <AlertDialog open={pending !== null} onOpenChange={(open) => !open && setPending(null)}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>{t('retention.confirmTitle')}</AlertDialogTitle>
            <AlertDialogDescription>{t('retention.confirmDescription')}</AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>{t('common.cancel')}</AlertDialogCancel>
            <AlertDialogAction
              onClick={() => {
                if (pending) void send(pending)
                setPending(null)
              }}
            >
              {t('retention.confirm')}
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </form>
  )
}
