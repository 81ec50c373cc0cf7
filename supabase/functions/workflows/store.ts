/**
 * The workflows' rows: typed reads of public.workflows and public.workflow_steps (with the numbers each
 * workflow answers), their mapping to the API, and the writes of a workflow and of its whole step list.
 * Every statement runs in the caller's transaction, so RLS applies.
 */
import { storedPayload } from '../_shared/voice.ts'
import type { Handoff, Workflow, WorkflowStep, WorkflowSummary } from '../../../shared/contracts/workflows.ts'
import type { Page } from '../../../shared/contracts/pagination.ts'
import type postgres from 'postgres'
import type { Tx } from '../_shared/db.ts'
import { NotFound } from '../_shared/errors.ts'
import { afterNewest, newestKey, newestOrder, newestSortAt, toPage } from '../_shared/pagination.ts'

interface WorkflowRow {
  id: string
  vapi_id: string
  name: string
  description: string
  created_at: Date
  updated_at: Date
}

const WORKFLOW_COLUMNS = [
  'id',
  'vapi_id',
  'name',
  'description',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof WorkflowRow)[]

export interface StepRow {
  id: string
  position: number
  name: string
  first_message: string
  system_prompt: string
  handoffs: Handoff[]
  transfer_number: string | null
}

const STEP_COLUMNS = [
  'id',
  'position',
  'name',
  'first_message',
  'system_prompt',
  'handoffs',
  'transfer_number',
] as const satisfies readonly (keyof StepRow)[]

function toStep(row: StepRow): WorkflowStep {
  return {
    id: row.id,
    position: row.position,
    name: row.name,
    first_message: row.first_message,
    system_prompt: row.system_prompt,
    handoffs: row.handoffs.map((h) => ({ to_step_id: h.to_step_id, condition: h.condition })),
    transfer_number: row.transfer_number,
  }
}

function toBase(row: WorkflowRow & { phone_number_ids: string[] }) {
  return {
    id: row.id,
    vapi_id: row.vapi_id,
    name: row.name,
    description: row.description,
    phone_number_ids: row.phone_number_ids,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  }
}

/** The numbers a workflow answers, oldest first, as a json array (parsed by postgres.js). */
const numberIds = (tx: Tx) =>
  tx`coalesce((select json_agg(p.id order by p.created_at, p.id) from public.phone_numbers p
    where p.workflow_id = w.id), '[]'::json) as phone_number_ids`

export function workflowNotFound(): NotFound {
  return new NotFound('workflow_not_found', 'No such workflow')
}

/** The workflow's row (locked for the rest of the request, so two edits never interleave), or 404. */
export async function lockWorkflow(tx: Tx, tenant: string, id: string): Promise<WorkflowRow> {
  const [row] = await tx<WorkflowRow[]>`
    select ${tx(WORKFLOW_COLUMNS)} from public.workflows
    where tenant_id = ${tenant} and id = ${id} for update`
  if (!row) throw workflowNotFound()
  return row
}

/** The steps of a workflow, in order. */
export function readSteps(tx: Tx, workflowId: string): Promise<StepRow[]> {
  return tx<StepRow[]>`
    select ${tx(STEP_COLUMNS)} from public.workflow_steps
    where workflow_id = ${workflowId} order by position`
}

/** A workflow as the API shows it, or 404 (another tenant's is as missing as a deleted one). */
export async function readWorkflow(tx: Tx, tenant: string, id: string): Promise<Workflow> {
  const [row] = await tx<(WorkflowRow & { phone_number_ids: string[] })[]>`
    select ${tx(WORKFLOW_COLUMNS.map((c) => `w.${c}`))}, ${numberIds(tx)}
    from public.workflows w where w.tenant_id = ${tenant} and w.id = ${id}`
  if (!row) throw workflowNotFound()
  return { ...toBase(row), steps: (await readSteps(tx, id)).map(toStep) }
}

export async function listWorkflows(
  tx: Tx,
  tenant: string,
  query: { cursor?: string; limit: number },
): Promise<Page<WorkflowSummary>> {
  const rows = await tx<
    (WorkflowRow & { phone_number_ids: string[]; step_count: number; sort_at: string })[]
  >`
    select ${tx(WORKFLOW_COLUMNS.map((c) => `w.${c}`))}, ${numberIds(tx)},
      (select count(*)::int from public.workflow_steps s where s.workflow_id = w.id) as step_count,
      ${newestSortAt(tx, 'w')} as sort_at
    from public.workflows w
    where w.tenant_id = ${tenant} and ${afterNewest(tx, query.cursor, 'w')}
    order by ${newestOrder(tx, 'w')}
    limit ${query.limit + 1}`
  return toPage(rows, query.limit, (row) => ({ ...toBase(row), step_count: row.step_count }), newestKey)
}

/** What a workflow row stores of its squad: Vapi's answer and its hash. */
export interface SyncedSquad {
  payload: unknown
  hash: string
}

export async function insertWorkflow(
  tx: Tx,
  values: {
    tenant: string
    actor: string
    name: string
    description: string
    vapiId: string
    squad: SyncedSquad
  },
): Promise<string> {
  const [row] = await tx<{ id: string }[]>`
    insert into public.workflows (tenant_id, vapi_id, name, description, vapi_payload, vapi_hash, created_by)
    values (${values.tenant}, ${values.vapiId}, ${values.name}, ${values.description},
      ${storedPayload(tx, values.squad.payload)}, ${values.squad.hash}, ${values.actor})
    returning id`
  return row.id
}

export async function updateWorkflowRow(
  tx: Tx,
  id: string,
  values: { name: string; description: string; squad: SyncedSquad | null },
): Promise<void> {
  await tx`
    update public.workflows set name = ${values.name}, description = ${values.description}
    ${
    values.squad
      ? tx`, vapi_payload = ${storedPayload(tx, values.squad.payload)},
        vapi_hash = ${values.squad.hash}, synced_at = now()`
      : tx``
  }
    where id = ${id}`
}

/**
 * Replaces a workflow's steps with `steps` (ids kept, positions from the order): removed steps are deleted,
 * the others rewritten. The (workflow, position) uniqueness is checked at commit, so any reorder passes.
 */
export async function replaceSteps(
  tx: Tx,
  tenant: string,
  workflowId: string,
  steps: readonly StepRow[],
): Promise<void> {
  await tx`delete from public.workflow_steps where workflow_id = ${workflowId}`
  for (const step of steps) {
    await tx`
      insert into public.workflow_steps
        (id, tenant_id, workflow_id, position, name, first_message, system_prompt, handoffs, transfer_number)
      values (${step.id}, ${tenant}, ${workflowId}, ${step.position}, ${step.name}, ${step.first_message},
        ${step.system_prompt}, ${
      tx.json(step.handoffs as unknown as postgres.JSONValue)
    }, ${step.transfer_number})`
  }
}
