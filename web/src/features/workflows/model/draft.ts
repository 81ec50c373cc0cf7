/**
 * The editor's form model. A step in the form carries a client `key` (its id when it has one), and a
 * hand-off names its target by that key, so moving steps never breaks a hand-off; the body sent to the
 * server names targets by index instead. Field names match the API's, so a problem the server reports on
 * `steps.2.handoffs.0.to_step` lands under the same field of the form.
 */
import type { TFunction } from 'i18next'
import type { CreateWorkflowBody, UpdateWorkflowBody, Workflow } from '@shared/contracts/workflows.ts'

export interface DraftHandoff {
  /** The target step's key; '' until chosen. */
  to_step: string
  condition: string
}

export interface DraftStep {
  key: string
  /** The server's id, for a step that exists: sent back so it keeps it. */
  id?: string
  name: string
  first_message: string
  system_prompt: string
  handoffs: DraftHandoff[]
  /** '' for none. */
  transfer_number: string
}

export interface WorkflowDraft {
  name: string
  description: string
  steps: DraftStep[]
}

export function newKey(): string {
  return crypto.randomUUID()
}

export function emptyStep(name = ''): DraftStep {
  return { key: newKey(), name, first_message: '', system_prompt: '', handoffs: [], transfer_number: '' }
}

export function draftFromWorkflow(workflow: Workflow): WorkflowDraft {
  return {
    name: workflow.name,
    description: workflow.description,
    steps: workflow.steps.map((step) => ({
      key: step.id,
      id: step.id,
      name: step.name,
      first_message: step.first_message,
      system_prompt: step.system_prompt,
      handoffs: step.handoffs.map((h) => ({ to_step: h.to_step_id, condition: h.condition })),
      transfer_number: step.transfer_number ?? '',
    })),
  }
}

/** Steps as the API takes them: targets by index (an unknown target is sent as -1, which it refuses). */
function bodySteps(steps: readonly DraftStep[]) {
  const index = new Map(steps.map((step, i) => [step.key, i]))
  return steps.map((step) => ({
    ...(step.id ? { id: step.id } : {}),
    name: step.name,
    first_message: step.first_message,
    system_prompt: step.system_prompt,
    handoffs: step.handoffs.map((h) => ({ to_step: index.get(h.to_step) ?? -1, condition: h.condition })),
    transfer_number: step.transfer_number.trim() === '' ? null : step.transfer_number,
  }))
}

export function createBody(draft: WorkflowDraft): CreateWorkflowBody {
  return {
    name: draft.name,
    description: draft.description,
    steps: bodySteps(draft.steps).map(({ id: _id, ...step }) => step),
  }
}

export function updateBody(draft: WorkflowDraft): UpdateWorkflowBody {
  return { name: draft.name, description: draft.description, steps: bodySteps(draft.steps) }
}

/** Removing a step also removes the hand-offs pointing at it. */
export function withoutStep(steps: readonly DraftStep[], key: string): DraftStep[] {
  return steps
    .filter((step) => step.key !== key)
    .map((step) => ({ ...step, handoffs: step.handoffs.filter((h) => h.to_step !== key) }))
}

/**
 * The starter a new workflow opens with: greeting → qualification → booking → a human, the last one
 * transferring to `transferNumber` (the owner's phone, when known).
 */
export function starterDraft(t: TFunction, transferNumber = ''): WorkflowDraft {
  const [greeting, qualification, booking, human] = ['greeting', 'qualification', 'booking', 'human'].map(
    (step) => ({
      ...emptyStep(t(`workflows.starter.${step}.name`)),
      first_message: t(`workflows.starter.${step}.firstMessage`),
      system_prompt: t(`workflows.starter.${step}.prompt`),
    }),
  )
  greeting.handoffs = [{ to_step: qualification.key, condition: t('workflows.starter.greeting.handoff') }]
  qualification.handoffs = [
    { to_step: booking.key, condition: t('workflows.starter.qualification.toBooking') },
    { to_step: human.key, condition: t('workflows.starter.qualification.toHuman') },
  ]
  booking.handoffs = [{ to_step: human.key, condition: t('workflows.starter.booking.handoff') }]
  human.transfer_number = transferNumber
  return { name: t('workflows.starter.name'), description: t('workflows.starter.description'), steps: [greeting, qualification, booking, human] }
}
