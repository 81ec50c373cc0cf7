/**
 * Changing a number: renaming it and giving it to an assistant or a workflow (pushed to Vapi at once by the
 * kit's routeNumbers, which knows that an inactive assistant does not answer), and releasing it (deleted in
 * Vapi, then our row, then given back to the pool when it came from there).
 */
import type { Vapi } from '@vapi-ai/server-sdk'
import type { UpdatePhoneNumberBody } from '../../../shared/contracts/phone-numbers.ts'
import { audit } from '../_shared/audit.ts'
import type { Tx } from '../_shared/db.ts'
import { ValidationFailed } from '../_shared/errors.ts'
import {
  payloadHash,
  routeNumbers,
  storedPayload,
  tenantVapi,
  unlessGone,
  vapiCall,
} from '../_shared/voice.ts'
import type { NumbersCaller } from './caller.ts'
import { findNumber, type NumberRow } from './numbers.ts'
import { releasePoolNumber } from './pool.ts'

export async function updateNumber(
  caller: NumbersCaller,
  id: string,
  body: UpdatePhoneNumberBody,
): Promise<NumberRow> {
  const { tx, tenant, claims } = caller
  const current = await findNumber(tx, tenant, id)
  const routing: { assistant_id?: string | null; workflow_id?: string | null } = {}
  if (body.assistant_id !== undefined) {
    if (body.assistant_id !== null) {
      await requireOwn(tx, tenant, 'assistants', 'assistant_id', body.assistant_id)
    }
    routing.assistant_id = body.assistant_id
    // One answers at a time: an assistant replaces the workflow.
    if (body.assistant_id !== null) routing.workflow_id = null
  }
  if (body.workflow_id !== undefined) {
    if (body.workflow_id !== null) await requireOwn(tx, tenant, 'workflows', 'workflow_id', body.workflow_id)
    routing.workflow_id = body.workflow_id
    if (body.workflow_id !== null) routing.assistant_id = null
  }
  const renamed = body.name !== undefined && body.name !== current.name
  const rerouted = Object.entries(routing).some(([key, value]) => current[key as keyof NumberRow] !== value)
  if (!renamed && !rerouted) return current

  const vapi = await tenantVapi(caller)
  if (renamed) {
    const updated = await vapiCall(
      'rename the phone number',
      () => vapi.phoneNumbers.update({ id: current.vapi_id, body: renameBody(current, body.name!) }),
    )
    await tx`
      update public.phone_numbers
      set name = ${body.name!}, vapi_payload = ${storedPayload(tx, updated)},
        vapi_hash = ${await payloadHash(updated)}, synced_at = now()
      where id = ${id}`
  }
  if (rerouted) {
    const columns = Object.keys(routing) as (keyof typeof routing)[]
    await tx`update public.phone_numbers set ${tx(routing, columns)} where id = ${id}`
    // Reads the new assignment in this transaction and pushes it; a refusal rolls all of it back.
    await routeNumbers(caller, vapi, { numberIds: [id] })
  }
  await audit(tx, {
    tenantId: tenant,
    actor: claims.sub,
    action: 'phone_numbers.updated',
    target: `phone_number:${id}`,
    details: { ...(renamed ? { name: body.name } : {}), ...(rerouted ? routing : {}) },
  })
  return await findNumber(tx, tenant, id)
}

/** The rename of a number in Vapi, with its provider: Vapi validates an update against that provider's DTO. */
function renameBody(row: NumberRow, name: string): Vapi.UpdatePhoneNumbersRequestBody {
  return { provider: row.source === 'vapi' ? 'vapi' : 'twilio', name } as Vapi.UpdatePhoneNumbersRequestBody
}

/** A 400 naming the field when the assistant or workflow is not one of the tenant's. */
async function requireOwn(
  tx: Tx,
  tenant: string,
  table: 'assistants' | 'workflows',
  field: string,
  id: string,
): Promise<void> {
  const rows = await tx`select 1 from ${tx('public.' + table)} where tenant_id = ${tenant} and id = ${id}`
  if (rows.length === 0) {
    const what = table === 'assistants' ? 'assistant' : 'workflow'
    throw new ValidationFailed([{ field, code: 'not_found', message: `No such ${what} in this tenant` }])
  }
}

export async function releaseNumber(caller: NumbersCaller, id: string): Promise<void> {
  const { tx, tenant, claims } = caller
  const current = await findNumber(tx, tenant, id)
  const vapi = await tenantVapi(caller)
  // Already gone from Vapi (deleted in its dashboard): releasing ours is still what the user wants.
  await unlessGone('release the number', () => vapi.phoneNumbers.delete({ id: current.vapi_id }))
  await tx`delete from public.phone_numbers where id = ${id}`
  if (current.virtual_number_id) await releasePoolNumber(tx, current.virtual_number_id)
  await audit(tx, {
    tenantId: tenant,
    actor: claims.sub,
    action: 'phone_numbers.released',
    target: `phone_number:${id}`,
    details: {
      number: current.number,
      source: current.source,
      returned_to_pool: !!current.virtual_number_id,
    },
  })
}

/** How many free Vapi numbers the tenant's Vapi organisation holds (Vapi counts them there, not here). */
export async function vapiNumbersUsed(caller: NumbersCaller): Promise<number> {
  const vapi = await tenantVapi(caller)
  const numbers: Vapi.ListPhoneNumbersResponseItem[] = await vapiCall(
    'list the phone numbers',
    () => vapi.phoneNumbers.list({ limit: 1000 }),
  )
  return numbers.filter((n) => n.provider === 'vapi').length
}
