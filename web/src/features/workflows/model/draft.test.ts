import type { TFunction } from 'i18next'
import { describe, expect, it } from 'vitest'
import { CreateWorkflowBody, UpdateWorkflowBody, type Workflow } from '@shared/contracts/workflows.ts'
import { createBody, draftFromWorkflow, starterDraft, updateBody, withoutStep } from './draft.ts'

const t = ((key: string) => `${key.split('.').at(-2)} ${key.split('.').at(-1)}`) as unknown as TFunction

describe('workflow drafts', () => {
  it('start from four steps the server accepts, hand-offs by index, the transfer to the owner', () => {
    const body = createBody(starterDraft(t, '+33612345678'))
    expect(CreateWorkflowBody.safeParse(body).success).toBe(true)
    expect(body.steps).toHaveLength(4)
    expect(body.steps[0].handoffs).toEqual([{ to_step: 1, condition: 'greeting handoff' }])
    expect(body.steps[1].handoffs?.map((h) => h.to_step)).toEqual([2, 3])
    expect(body.steps[3].transfer_number).toBe('+33612345678')
    expect(body.steps[0].transfer_number).toBeNull()
  })

  it('keep hand-offs on their target when steps move, and send step ids back', () => {
    const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`
    const workflow: Workflow = {
      id: id(9),
      vapi_id: 'squad',
      name: 'Desk',
      description: '',
      phone_number_ids: [],
      created_at: '2026-11-22T00:00:00.000Z',
      updated_at: '2026-11-22T00:00:00.000Z',
      steps: [
        { id: id(1), position: 0, name: 'A', first_message: '', system_prompt: 'a', transfer_number: null, handoffs: [{ to_step_id: id(2), condition: 'go' }] },
        { id: id(2), position: 1, name: 'B', first_message: '', system_prompt: 'b', transfer_number: null, handoffs: [] },
      ],
    }
    const draft = draftFromWorkflow(workflow)
    const body = updateBody({ ...draft, steps: [draft.steps[1], draft.steps[0]] })
    expect(UpdateWorkflowBody.safeParse(body).success).toBe(true)
    expect(body.steps?.map((s) => s.id)).toEqual([id(2), id(1)])
    expect(body.steps?.[1].handoffs).toEqual([{ to_step: 0, condition: 'go' }])
  })

  it('drop the hand-offs to a removed step, and refuse an unchosen target', () => {
    const draft = starterDraft(t)
    const steps = withoutStep(draft.steps, draft.steps[3].key)
    expect(steps).toHaveLength(3)
    expect(steps[1].handoffs.map((h) => h.to_step)).toEqual([draft.steps[2].key])
    const unchosen = { ...draft, steps: [{ ...draft.steps[0], handoffs: [{ to_step: '', condition: 'x' }] }] }
    const parsed = CreateWorkflowBody.safeParse(createBody(unchosen))
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues[0].path.join('.')).toBe('steps.0.handoffs.0.to_step')
  })
})
