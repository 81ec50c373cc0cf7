/**
 * One step of the editor: its position, name, first message, prompt, hand-offs and transfer number, with
 * move up / move down / remove buttons (plain buttons, so the keyboard and screen readers reach them).
 */
import { ArrowDown, ArrowUp, PhoneForwarded, Trash2 } from 'lucide-react'
import { useFormContext, useWatch } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { Button } from '@/components/ui/button.tsx'
import { Card, CardContent, CardHeader } from '@/components/ui/card.tsx'
import { FormField } from '@/components/ui/form-field.tsx'
import { Input, Textarea } from '@/components/ui/input.tsx'
import { fieldMessage } from '@/lib/feedback.ts'
import type { WorkflowDraft } from '../model/draft.ts'
import { HandoffFields } from './handoff-fields.tsx'

export type StepAction = 'up' | 'down' | 'remove'

interface Props {
  index: number
  count: number
  stepKey: string
  disabled: boolean
  onMove: (from: number, to: number) => void
  onRemove: (index: number) => void
}

/** The id of a step's control, so focus can follow a step that moved. */
export function stepControlId(stepKey: string, action: StepAction): string {
  return `step-${stepKey}-${action}`
}


export function StepCard({ index, count, stepKey, disabled, onMove, onRemove }: Props) {
  const { t } = useTranslation()
  const { control, register, formState: { errors } } = useFormContext<WorkflowDraft>()
  const name = useWatch({ control, name: `steps.${index}.name` })
  const stepErrors = errors.steps?.[index]
  const label = name || t('workflows.step.untitled', { position: index + 1 })
  const headingId = `step-${stepKey}-heading`

  return (
    <Card aria-labelledby={headingId}>
      <CardHeader className='flex-row flex-wrap items-center justify-between gap-2'>
        <h3 id={headingId} className='flex min-w-0 items-center gap-2 font-semibold'>
          <span
            className='flex size-6 shrink-0 items-center justify-center rounded-full bg-primary/10 text-xs text-primary'
            aria-hidden='true'
          >
            {index + 1}
          </span>
          <span className='truncate'>
            <span className='sr-only'>{t('workflows.step.position', { position: index + 1, count })}</span>
            {label}
          </span>
        </h3>
        {!disabled && (
          <div className='flex gap-1'>
            <Button
              id={stepControlId(stepKey, 'up')}
              type='button'
              variant='ghost'
              size='icon-sm'
              disabled={index === 0}
              aria-label={t('workflows.step.moveUp', { step: label })}
              onClick={() => onMove(index, index - 1)}
            >
              <ArrowUp aria-hidden='true' />
            </Button>
            <Button
              id={stepControlId(stepKey, 'down')}
              type='button'
              variant='ghost'
              size='icon-sm'
              disabled={index === count - 1}
              aria-label={t('workflows.step.moveDown', { step: label })}
              onClick={() => onMove(index, index + 1)}
            >
              <ArrowDown aria-hidden='true' />
            </Button>
            <Button
              id={stepControlId(stepKey, 'remove')}
              type='button'
              variant='ghost'
              size='icon-sm'
              className='text-destructive hover:text-destructive'
              disabled={count === 1}
              aria-label={t('workflows.step.remove', { step: label })}
              onClick={() => onRemove(index)}
            >
              <Trash2 aria-hidden='true' />
            </Button>
          </div>
        )}
      </CardHeader>
      <CardContent className='grid gap-4'>
        <div className='grid gap-4 md:grid-cols-2'>
          <FormField
            label={t('workflows.step.name')}
            hint={t('workflows.step.nameHint')}
            error={fieldMessage(stepErrors?.name, t('workflows.validation.stepName'))}
          >
            <Input disabled={disabled} maxLength={40} {...register(`steps.${index}.name`)} />
          </FormField>
          <FormField
            label={t('workflows.step.transferNumber')}
            hint={t('workflows.step.transferNumberHint')}
            error={fieldMessage(stepErrors?.transfer_number, t('workflows.validation.phone'))}
          >
            <Input
              type='tel'
              inputMode='tel'
              autoComplete='off'
              disabled={disabled}
              placeholder='+33612345678'
              {...register(`steps.${index}.transfer_number`)}
            />
          </FormField>
        </div>
        <FormField
          label={t('workflows.step.firstMessage')}
          hint={t('workflows.step.firstMessageHint')}
          error={fieldMessage(stepErrors?.first_message, t('workflows.validation.tooLong'))}
        >
          <Textarea rows={2} disabled={disabled} className='min-h-20' {...register(`steps.${index}.first_message`)} />
        </FormField>
        <FormField
          label={t('workflows.step.prompt')}
          error={fieldMessage(stepErrors?.system_prompt, t('validation.required'))}
        >
          <Textarea rows={5} disabled={disabled} className='min-h-20' {...register(`steps.${index}.system_prompt`)} />
        </FormField>
        <HandoffFields index={index} stepName={label} disabled={disabled} />
        <TransferNote index={index} />
      </CardContent>
    </Card>
  )
}

/** Says what happens with a transfer number set, in words. */
function TransferNote({ index }: { index: number }) {
  const { t } = useTranslation()
  const number = useWatch<WorkflowDraft, `steps.${number}.transfer_number`>({ name: `steps.${index}.transfer_number` })
  if (!number?.trim()) return null
  return (
    <p className='flex items-center gap-2 text-sm text-muted-foreground'>
      <PhoneForwarded className='size-4 shrink-0' aria-hidden='true' />
      {t('workflows.step.transferNote', { number: number.trim() })}
    </p>
  )
}
