/** The hand-offs of one step: to which other step the call goes, and when; added and removed in place. */
import { ArrowRight, Plus, X } from 'lucide-react'
import { useFieldArray, useFormContext, useWatch } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { Button } from '@/components/ui/button.tsx'
import { FormField } from '@/components/ui/form-field.tsx'
import { Input, NativeSelect } from '@/components/ui/input.tsx'
import { fieldMessage } from '@/lib/feedback.ts'
import type { WorkflowDraft } from '../model/draft.ts'

export function HandoffFields({ index, stepName, disabled }: { index: number; stepName: string; disabled: boolean }) {
  const { t } = useTranslation()
  const { control, register, formState: { errors } } = useFormContext<WorkflowDraft>()
  const handoffs = useFieldArray({ control, name: `steps.${index}.handoffs`, keyName: 'fieldKey' })
  const steps = useWatch({ control, name: 'steps' })
  const self = steps[index]?.key
  const hasTargets = steps.some((step) => step.key !== self)
  const stepErrors = errors.steps?.[index]?.handoffs

  return (
    <fieldset className='grid gap-3'>
      <legend className='mb-2 text-sm font-medium'>{t('workflows.step.handoffs')}</legend>
      {handoffs.fields.length === 0 && (
        <p className='text-sm text-muted-foreground'>{t('workflows.step.noHandoffs')}</p>
      )}
      {handoffs.fields.map((field, h) => (
        <div key={field.fieldKey} className='grid items-start gap-2 rounded-md border bg-muted/30 p-3 sm:grid-cols-[12rem_1fr_auto]'>
          <FormField
            label={t('workflows.step.handoffTarget')}
            error={fieldMessage(stepErrors?.[h]?.to_step, t('workflows.validation.handoffTarget'))}
          >
            <NativeSelect disabled={disabled} {...register(`steps.${index}.handoffs.${h}.to_step`)}>
              <option value=''>{t('workflows.step.chooseStep')}</option>
              {steps.map((step, i) =>
                step.key === self ? null : (
                  <option key={step.key} value={step.key}>
                    {step.name || t('workflows.step.untitled', { position: i + 1 })}
                  </option>
                )
              )}
            </NativeSelect>
          </FormField>
          <FormField
            label={t('workflows.step.handoffCondition')}
            error={fieldMessage(stepErrors?.[h]?.condition, t('validation.required'))}
          >
            <Input
              disabled={disabled}
              placeholder={t('workflows.step.handoffConditionPlaceholder')}
              {...register(`steps.${index}.handoffs.${h}.condition`)}
            />
          </FormField>
          {!disabled && (
            <Button
              type='button'
              variant='ghost'
              size='icon'
              className='sm:mt-6'
              aria-label={t('workflows.step.removeHandoff', { position: h + 1, step: stepName })}
              onClick={() => handoffs.remove(h)}
            >
              <X aria-hidden='true' />
            </Button>
          )}
        </div>
      ))}
      {!disabled && (
        <div>
          <Button
            type='button'
            variant='outline'
            size='sm'
            disabled={!hasTargets}
            onClick={() => handoffs.append({ to_step: '', condition: '' })}
          >
            <Plus aria-hidden='true' />
            <ArrowRight aria-hidden='true' />
            {t('workflows.step.addHandoff')}
          </Button>
        </div>
      )}
    </fieldset>
  )
}
