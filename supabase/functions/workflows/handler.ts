/**
 * Workflows: ordered steps compiled to one Vapi squad per workflow. Every change goes to Vapi first with the
 * tenant's own key (squad created, updated or deleted), then to our rows in the same request; when our write
 * fails the Vapi change is undone, and when Vapi refuses nothing is written (422 `vapi_rejected`).
 */
import type { z } from 'zod'
import {
  resolveStepRef,
  type StepInput,
  type UpdateStepInput,
  type UpdateWorkflowBody,
  workflowsContract,
} from '../../../shared/contracts/workflows.ts'
import type { Language } from '../../../shared/languages.ts'
import { audit } from '../_shared/audit.ts'
import { ValidationFailed } from '../_shared/errors.ts'
import { defineFunction } from '../_shared/function.ts'
import {
  createThenPersist,
  payloadHash,
  serverConfig,
  tenantMetadata,
  tenantVapi,
  vapiCall,
  type VoiceCaller,
  voiceDeps,
} from '../_shared/voice.ts'
import { type CompiledStep, compileSquad, type SquadContext } from './squad.ts'
import {
  insertWorkflow,
  listWorkflows,
  lockWorkflow,
  readSteps,
  readWorkflow,
  replaceSteps,
  type StepRow,
  type SyncedSquad,
  updateWorkflowRow,
} from './store.ts'
import { deleteWorkflow } from './delete.ts'

export default defineFunction({
  contract: workflowsContract,
  deps: voiceDeps,
  operations: {
    list: ({ tx, tenant, input }) => listWorkflows(tx, tenant, input.query),
    get: ({ tx, tenant, input }) => readWorkflow(tx, tenant, input.params.id),
    create: (ctx) => createWorkflow(ctx, ctx.input.body),
    update: (ctx) => updateWorkflow(ctx, ctx.input.params.id, ctx.input.body),
    delete: (ctx) => deleteWorkflow(ctx, ctx.input.params.id),
  },
})

type StepOutput = z.output<typeof StepInput>

/** Steps as rows: ids given (kept or new), positions from the order, hand-offs resolved to step ids. */
function stepRows(steps: readonly StepOutput[], ids: readonly string[]): StepRow[] {
  return steps.map((step, position) => ({
    id: ids[position],
    position,
    name: step.name,
    first_message: step.first_message,
    system_prompt: step.system_prompt,
    transfer_number: step.transfer_number,
    // The contract checked every target; an unresolvable one cannot reach here.
    handoffs: step.handoffs.flatMap((h) => {
      const target = resolveStepRef(steps, h.to_step)
      return target === null ? [] : [{ to_step_id: ids[target], condition: h.condition }]
    }),
  }))
}

/** Rows as the compiler wants them: hand-offs by index in the list. */
function compiled(rows: readonly StepRow[]): CompiledStep[] {
  const index = new Map(rows.map((row, i) => [row.id, i]))
  return rows.map((row) => ({
    ...row,
    handoffs: row.handoffs.flatMap((h) => {
      const to = index.get(h.to_step_id)
      return to === undefined ? [] : [{ to, condition: h.condition }]
    }),
  }))
}

async function squadContext(caller: VoiceCaller, name: string): Promise<SquadContext> {
  const [tenant] = await caller.tx<{ language: Language }[]>`
    select language from public.tenants where id = ${caller.tenant}`
  return {
    name,
    language: tenant.language,
    server: await serverConfig(caller),
    metadata: tenantMetadata(caller.tenant),
  }
}

async function synced(payload: unknown): Promise<SyncedSquad> {
  return { payload, hash: await payloadHash(payload) }
}

async function createWorkflow(
  caller: VoiceCaller,
  body: z.output<typeof workflowsContract.routes.create.body>,
) {
  const { tx, tenant, claims, deps } = caller
  const vapi = await tenantVapi(caller)
  const rows = stepRows(body.steps, body.steps.map(() => crypto.randomUUID()))
  const squad = compileSquad(compiled(rows), await squadContext(caller, body.name))
  return await createThenPersist(
    deps,
    () => vapiCall('create the squad', () => vapi.squads.create(squad)),
    async (created) => {
      const id = await insertWorkflow(tx, {
        tenant,
        actor: claims.sub,
        name: body.name,
        description: body.description,
        vapiId: created.id,
        squad: await synced(created),
      })
      await replaceSteps(tx, tenant, id, rows)
      await audit(tx, {
        tenantId: tenant,
        actor: claims.sub,
        action: 'workflows.created',
        target: `workflow:${id}`,
        details: { name: body.name, vapi_id: created.id, steps: rows.length },
      })
      return await readWorkflow(tx, tenant, id)
    },
    (created) => vapi.squads.delete({ id: created.id }),
  )
}

/** Step ids sent must be steps of this workflow: anything else is a 400 on the field. */
function checkStepIds(steps: readonly z.output<typeof UpdateStepInput>[], current: readonly StepRow[]) {
  const known = new Set(current.map((step) => step.id))
  const errors = steps.flatMap((step, i) =>
    step.id !== undefined && !known.has(step.id)
      ? [{ field: `steps.${i}.id`, message: 'Not a step of this workflow', code: 'unknown_step' }]
      : []
  )
  if (errors.length) throw new ValidationFailed(errors)
}

async function updateWorkflow(caller: VoiceCaller, id: string, body: z.output<typeof UpdateWorkflowBody>) {
  const { tx, tenant, claims, deps } = caller
  const current = await lockWorkflow(tx, tenant, id)
  const fields = (Object.keys(body) as (keyof typeof body)[]).filter((key) => body[key] !== undefined)
  if (fields.length === 0) return await readWorkflow(tx, tenant, id)

  const before = await readSteps(tx, id)
  if (body.steps) checkStepIds(body.steps, before)
  const after = body.steps
    ? stepRows(body.steps, body.steps.map((step) => step.id ?? crypto.randomUUID()))
    : before
  const name = body.name ?? current.name
  const description = body.description ?? current.description

  const persist = async (squad: SyncedSquad | null) => {
    await updateWorkflowRow(tx, id, { name, description, squad })
    if (body.steps) await replaceSteps(tx, tenant, id, after)
    await audit(tx, {
      tenantId: tenant,
      actor: claims.sub,
      action: 'workflows.updated',
      target: `workflow:${id}`,
      details: { fields, ...(body.steps ? { steps: after.length } : {}) },
    })
    return await readWorkflow(tx, tenant, id)
  }
  // The description lives only here; the squad carries the name and the steps.
  if (body.name === undefined && body.steps === undefined) return await persist(null)

  const vapi = await tenantVapi(caller)
  const context = await squadContext(caller, name)
  return await createThenPersist(
    deps,
    () =>
      vapiCall(
        'update the squad',
        () => vapi.squads.update({ id: current.vapi_id, ...compileSquad(compiled(after), context) }),
      ),
    async (updated) => await persist(await synced(updated)),
    () =>
      vapi.squads.update({
        id: current.vapi_id,
        ...compileSquad(compiled(before), { ...context, name: current.name }),
      }),
  )
}
