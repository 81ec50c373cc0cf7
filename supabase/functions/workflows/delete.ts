/**
 * Deleting a workflow: the numbers it answers are detached first (our rows, then Vapi re-routed by
 * routeNumbers, so no number points at the squad any more), then the squad is deleted in Vapi, then our rows
 * (the steps cascade). When Vapi refuses the deletion, the numbers are pointed back at the squad before the
 * error propagates, so Vapi keeps matching our rows, which the failed request leaves untouched.
 */
import { audit } from '../_shared/audit.ts'
import { Forbidden } from '../_shared/errors.ts'
import { errorFields } from '../_shared/log.ts'
import { routeNumbers, tenantVapi, unlessGone, type VoiceCaller } from '../_shared/voice.ts'
import { lockWorkflow } from './store.ts'

export async function deleteWorkflow(caller: VoiceCaller, id: string): Promise<void> {
  const { tx, tenant, claims, deps } = caller
  const workflow = await lockWorkflow(tx, tenant, id)
  const vapi = await tenantVapi(caller)
  const numbers = (await tx<{ id: string }[]>`
    select id from public.phone_numbers where tenant_id = ${tenant} and workflow_id = ${id}
    order by created_at, id`).map((row) => row.id)

  if (numbers.length) {
    const [{ allowed }] = await tx<{ allowed: boolean }[]>`
      select private.has_permission(${tenant}, 'numbers.manage') as allowed`
    if (!allowed) {
      throw new Forbidden(
        'forbidden',
        'This workflow answers phone numbers; detaching them needs the numbers.manage permission',
      )
    }
    await tx`update public.phone_numbers set workflow_id = null where id in ${tx(numbers)}`
    await routeNumbers(caller, vapi, { numberIds: numbers })
  }

  try {
    // Already gone from Vapi (deleted in its dashboard): nothing left to delete there.
    await unlessGone('delete the squad', () => vapi.squads.delete({ id: workflow.vapi_id }))
  } catch (error) {
    if (numbers.length) {
      try {
        await tx`update public.phone_numbers set workflow_id = ${id} where id in ${tx(numbers)}`
        await routeNumbers(caller, vapi, { numberIds: numbers })
      } catch (restoreError) {
        deps.log.error('vapi.compensation_failed', errorFields(restoreError))
      }
    }
    throw error
  }

  await tx`delete from public.workflows where id = ${id}`
  await audit(tx, {
    tenantId: tenant,
    actor: claims.sub,
    action: 'workflows.deleted',
    target: `workflow:${id}`,
    details: { name: workflow.name, vapi_id: workflow.vapi_id, detached_numbers: numbers },
  })
}
