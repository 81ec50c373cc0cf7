/**
 * The workflow editor: name and description, then the steps in order (move up/down, add, remove, each with
 * its hand-offs), saved in one request. A new workflow opens on the starter draft; saving it creates it and
 * moves to its page. Problems the server names land under their fields; others are toasts.
 */
import { Plus } from 'lucide-react'
import { useEffect, useMemo, useRef, useState } from 'react'
import { FormProvider, useFieldArray, useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { CreateWorkflowBody, MAX_STEPS, UpdateWorkflowBody, type Workflow } from '@shared/contracts/workflows.ts'
import { Button } from '@/components/ui/button.tsx'
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card.tsx'
import { FormField } from '@/components/ui/form-field.tsx'
import { Input, Textarea } from '@/components/ui/input.tsx'
import { fieldMessage, useFeedback } from '@/lib/feedback.ts'
import { useCreateWorkflow } from '../api/create-workflow.ts'
import { useUpdateWorkflow } from '../api/update-workflow.ts'
import {
  createBody,
  draftFromWorkflow,
  emptyStep,
  starterDraft,
  updateBody,
  withoutStep,
  type WorkflowDraft,
} from '../model/draft.ts'
import { bodyResolver } from '../model/resolver.ts'
import { type StepAction, StepCard, stepControlId } from './step-card.tsx'

interface Props {
  tenantId: string
  /** The saved workflow; none for a new one. */
  workflow?: Workflow
  canManage: boolean
  /** Pre-fills the starter's transfer step. */
  ownerPhone?: string | null
}

export function WorkflowEditor({ tenantId, workflow, canManage, ownerPhone }: Props) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const withFeedback = useFeedback()
  const create = useCreateWorkflow(tenantId)
  const update = useUpdateWorkflow(tenantId, workflow?.id ?? '')
  const defaults = useMemo(
    () => workflow ? draftFromWorkflow(workflow) : starterDraft(t, ownerPhone ?? ''),
    [workflow, t, ownerPhone],
  )
  const form = useForm<WorkflowDraft>({
    defaultValues: defaults,
    resolver: workflow ? bodyResolver(UpdateWorkflowBody, updateBody) : bodyResolver(CreateWorkflowBody, createBody),
  })
  const steps = useFieldArray({ control: form.control, name: 'steps', keyName: 'fieldKey' })
  const [announcement, setAnnouncement] = useState('')
  const focus = useRef<{ key: string; action: StepAction } | null>(null)
  const disabled = !canManage
  const { errors, isSubmitting, isDirty } = form.formState

  // Focus follows the step that moved (or its other arrow when the one pressed became disabled), once the
  // list has re-rendered in the new order.
  useEffect(() => {
    const pending = focus.current
    if (!pending) return
    focus.current = null
    const order: StepAction[] = pending.action === 'up' ? ['up', 'down'] : ['down', 'up']
    for (const action of order) {
      const button = document.getElementById(stepControlId(pending.key, action)) as HTMLButtonElement | null
      if (button && !button.disabled) {
        button.focus()
        break
      }
    }
  })

  const move = (from: number, to: number) => {
    const step = form.getValues(`steps.${from}`)
    steps.move(from, to)
    focus.current = { key: step.key, action: to < from ? 'up' : 'down' }
    setAnnouncement(t('workflows.step.moved', { step: step.name, position: to + 1 }))
  }

  const remove = (index: number) => {
    const step = form.getValues(`steps.${index}`)
    // Hand-offs pointing at the removed step go with it.
    steps.replace(withoutStep(form.getValues('steps'), step.key))
    setAnnouncement(t('workflows.step.removed', { step: step.name }))
  }

  const add = () => {
    steps.append(emptyStep(), { shouldFocus: true, focusName: `steps.${steps.fields.length}.name` })
  }

  const submit = form.handleSubmit(async (draft) => {
    const feedback = { form, failure: t('workflows.saveFailed'), success: t('workflows.saved') }
    if (!workflow) {
      const created = await withFeedback(() => create.mutateAsync(createBody(draft)), feedback)
      if (created) await navigate(`/workflows/${created.id}`, { replace: true })
      return
    }
    const updated = await withFeedback(() => update.mutateAsync(updateBody(draft)), feedback)
    if (updated) form.reset(draftFromWorkflow(updated))
  })

  return (
    <FormProvider {...form}>
      <form noValidate onSubmit={submit} className='grid gap-6' aria-label={t('workflows.editorLabel')}>
        <Card>
          <CardHeader>
            <CardTitle>{t('workflows.details')}</CardTitle>
          </CardHeader>
          <CardContent className='grid gap-4'>
            <FormField label={t('workflows.name')} error={fieldMessage(errors.name, t('validation.required'))}>
              <Input disabled={disabled} maxLength={120} {...form.register('name')} />
            </FormField>
            <FormField
              label={t('workflows.descriptionLabel')}
              hint={t('workflows.descriptionHint')}
              error={fieldMessage(errors.description, t('workflows.validation.tooLong'))}
            >
              <Textarea
                rows={2}
                disabled={disabled}
                {...form.register('description')}
              />
            </FormField>
          </CardContent>
        </Card>

        <section aria-labelledby='workflow-steps-heading' className='grid gap-4'>
          <div className='grid gap-1'>
            <h2 id='workflow-steps-heading' className='text-base font-semibold'>{t('workflows.steps')}</h2>
            <p className='text-sm text-muted-foreground'>{t('workflows.stepsHint')}</p>
          </div>
          <ol className='grid gap-4'>
            {steps.fields.map((field, index) => (
              <li key={field.fieldKey}>
                <StepCard
                  index={index}
                  count={steps.fields.length}
                  stepKey={field.key}
                  disabled={disabled}
                  onMove={move}
                  onRemove={remove}
                />
              </li>
            ))}
          </ol>
          {!disabled && (
            <div>
              <Button type='button' variant='outline' onClick={add} disabled={steps.fields.length >= MAX_STEPS}>
                <Plus aria-hidden='true' />
                {t('workflows.step.add')}
              </Button>
            </div>
          )}
          <p className='sr-only' aria-live='polite'>{announcement}</p>
        </section>

        {!disabled && (
          <div className='sticky bottom-0 z-10 -mx-1 flex flex-wrap items-center justify-end gap-2 border-t bg-background/95 px-1 py-3 backdrop-blur'>
            {workflow && isDirty && (
              <Button type='button' variant='ghost' onClick={() => form.reset()}>
                {t('workflows.discard')}
              </Button>
            )}
            <Button type='submit' loading={isSubmitting} disabled={Boolean(workflow) && !isDirty}>
              {workflow ? t('common.save') : t('workflows.createSubmit')}
            </Button>
          </div>
        )}
      </form>
    </FormProvider>
  )
}
