/**
 * The `workflows` function: a tenant's call workflows. A workflow is an ordered list of steps (greeting →
 * qualification → booking → transfer to a human…), each an assistant with its own prompt and the conditions
 * on which it hands the call to another step; it is compiled to one Vapi squad (Vapi retired its Workflows
 * API in favour of squads). Numbers are assigned to a workflow through the phone-numbers function.
 */
import { z } from 'zod'
import { ListQuery, page } from './pagination.ts'
import { defineContract } from './route.ts'
import { VAPI_PROBLEMS } from './vapi.ts'
import { safeText } from '../text.ts'

/** Vapi caps an assistant's name (a step is one) at 40 characters. */
export const STEP_NAME_MAX = 40
export const MAX_STEPS = 20
export const MAX_HANDOFFS = 10

const E164 = z.string().trim().regex(/^\+[1-9][0-9]{6,14}$/, 'An international number such as +33612345678')

export const HandoffInput = z.object({
  to_step: z.union([
    z.number().int().min(0).describe('The index of the target step in `steps` (0-based)'),
    safeText().trim().min(1).max(STEP_NAME_MAX).describe('The name of the target step'),
  ]).describe('The step to hand the call to: its index in `steps`, or its name'),
  condition: safeText().trim().min(1, 'Required').max(1000).describe(
    'When to hand over, in plain words ("the caller wants to book an appointment")',
  ),
})
export type HandoffInput = z.infer<typeof HandoffInput>

export const StepInput = z.object({
  name: safeText().trim().min(1, 'Required').max(STEP_NAME_MAX).describe(
    'Unique within the workflow; the squad member (assistant) name in Vapi',
  ),
  first_message: safeText().trim().max(1000).default('').describe(
    'What this step says when it takes the call; empty to listen first',
  ),
  system_prompt: safeText().trim().min(1, 'Required').max(20000).describe("The step's instructions"),
  handoffs: z.array(HandoffInput).max(MAX_HANDOFFS).default([]).describe(
    'The other steps this one may hand the call to, and when',
  ),
  transfer_number: E164.nullable().default(null).describe(
    'A human to transfer the call to from this step (E.164), or null',
  ),
})
export type StepInput = z.input<typeof StepInput>

/** In an update, a step may carry the id it was given: it keeps it (and hand-offs pointing at it). */
export const UpdateStepInput = StepInput.extend({
  id: z.uuid().optional().describe('The id of an existing step of this workflow, to keep it'),
})
export type UpdateStepInput = z.input<typeof UpdateStepInput>

type StepLike = z.output<typeof StepInput>

/**
 * Cross-step rules, reported on the field: names unique (case-insensitive), hand-offs pointing at another
 * step of the same list, each target once per step.
 */
function checkSteps(steps: readonly StepLike[], ctx: z.RefinementCtx) {
  const byName = new Map<string, number>()
  steps.forEach((step, index) => {
    const key = step.name.toLocaleLowerCase()
    if (byName.has(key)) {
      ctx.addIssue({ code: 'custom', path: [index, 'name'], message: 'Another step has this name' })
    } else byName.set(key, index)
  })
  steps.forEach((step, index) => {
    const seen = new Set<number>()
    step.handoffs.forEach((handoff, h) => {
      const target = resolveStepRef(steps, handoff.to_step)
      const path = [index, 'handoffs', h, 'to_step']
      if (target === null) {
        ctx.addIssue({ code: 'custom', path, message: 'Not a step of this workflow' })
      } else if (target === index) {
        ctx.addIssue({ code: 'custom', path, message: 'A step cannot hand the call to itself' })
      } else if (seen.has(target)) {
        ctx.addIssue({ code: 'custom', path, message: 'This step already hands off to that one' })
      } else seen.add(target)
    })
  })
}

/** The index a hand-off's `to_step` names (an index, or a name case-insensitively), or null. */
export function resolveStepRef(steps: readonly { name: string }[], ref: number | string): number | null {
  if (typeof ref === 'number') return ref < steps.length ? ref : null
  const key = ref.toLocaleLowerCase()
  const index = steps.findIndex((step) => step.name.toLocaleLowerCase() === key)
  return index === -1 ? null : index
}

const Steps = z.array(StepInput).min(1, 'A workflow needs at least one step').max(MAX_STEPS)
  .superRefine(checkSteps)
const UpdateSteps = z.array(UpdateStepInput).min(1, 'A workflow needs at least one step').max(MAX_STEPS)
  .superRefine(checkSteps)
  .superRefine((steps, ctx) => {
    const ids = new Set<string>()
    steps.forEach((step, index) => {
      if (step.id === undefined) return
      if (ids.has(step.id)) {
        ctx.addIssue({ code: 'custom', path: [index, 'id'], message: 'Another step has this id' })
      }
      ids.add(step.id)
    })
  })

const WorkflowName = safeText().trim().min(1, 'Required').max(120)
const Description = safeText().trim().max(1000)

export const CreateWorkflowBody = z.object({
  name: WorkflowName.describe('The name of the workflow (and of its squad in Vapi)'),
  description: Description.default('').describe('What the workflow is for'),
  steps: Steps.describe('The steps in order: the call starts with the first'),
})
export type CreateWorkflowBody = z.input<typeof CreateWorkflowBody>

/** Only the fields sent change; `steps` replaces the whole ordered list (reorder, add, remove). */
export const UpdateWorkflowBody = z.object({
  name: WorkflowName.optional(),
  description: Description.optional(),
  steps: UpdateSteps.optional().describe(
    'The full ordered list; steps sent with their id keep it, steps left out are removed',
  ),
})
export type UpdateWorkflowBody = z.input<typeof UpdateWorkflowBody>

export const Handoff = z.object({
  to_step_id: z.uuid(),
  condition: z.string(),
})
export type Handoff = z.infer<typeof Handoff>

export const WorkflowStep = z.object({
  id: z.uuid(),
  position: z.number().int().min(0),
  name: z.string(),
  first_message: z.string(),
  system_prompt: z.string(),
  handoffs: z.array(Handoff),
  transfer_number: z.string().nullable(),
})
export type WorkflowStep = z.infer<typeof WorkflowStep>

const WorkflowBase = z.object({
  id: z.uuid(),
  vapi_id: z.string().describe("The squad's id in Vapi"),
  name: z.string(),
  description: z.string(),
  phone_number_ids: z.array(z.uuid()).describe('The phone numbers this workflow answers'),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
})

export const Workflow = WorkflowBase.extend({ steps: z.array(WorkflowStep).describe('In order') })
export type Workflow = z.infer<typeof Workflow>

export const WorkflowSummary = WorkflowBase.extend({ step_count: z.number().int().min(0) })
export type WorkflowSummary = z.infer<typeof WorkflowSummary>

export const ListWorkflowsResponse = page(WorkflowSummary)
export type ListWorkflowsResponse = z.infer<typeof ListWorkflowsResponse>

export const WorkflowParams = z.object({ id: z.uuid() })

const NOT_FOUND = { status: 404, code: 'workflow_not_found', description: 'No such workflow' } as const

export const workflowsContract = defineContract({
  name: 'workflows',
  summary: "A tenant's workflows: ordered steps compiled to a Vapi squad",
  routes: {
    list: {
      method: 'GET',
      path: '/',
      summary: 'List the workflows, newest first, with their step count and numbers',
      access: 'assistants.read',
      query: ListQuery,
      response: ListWorkflowsResponse,
    },
    create: {
      method: 'POST',
      path: '/',
      summary: 'Create a workflow and its squad in Vapi',
      description:
        "Vapi first (with the tenant's key), then our rows: when Vapi refuses, nothing is saved. " +
        'A hand-off names its target by index or name (`steps.2.handoffs.0.to_step`).',
      access: 'assistants.manage',
      body: CreateWorkflowBody,
      response: Workflow,
      status: 201,
      problems: VAPI_PROBLEMS,
    },
    get: {
      method: 'GET',
      path: '/:id',
      summary: 'Read a workflow with its steps in order',
      access: 'assistants.read',
      params: WorkflowParams,
      response: Workflow,
      problems: [NOT_FOUND],
    },
    update: {
      method: 'PATCH',
      path: '/:id',
      summary: 'Rename, describe, or replace the steps of a workflow',
      description:
        'The squad is updated in Vapi first (its id does not change, so its numbers keep working). ' +
        '`steps` is the full ordered list: reorder, add and remove by sending it.',
      access: 'assistants.manage',
      params: WorkflowParams,
      body: UpdateWorkflowBody,
      response: Workflow,
      problems: [NOT_FOUND, ...VAPI_PROBLEMS],
    },
    delete: {
      method: 'DELETE',
      path: '/:id',
      summary: 'Delete a workflow and its squad',
      description:
        'Numbers it answers are detached first (and re-routed in Vapi), then the squad is deleted.',
      access: 'assistants.manage',
      params: WorkflowParams,
      response: null,
      problems: [NOT_FOUND, ...VAPI_PROBLEMS],
    },
  },
})
