/**
 * Fixtures of the assistants tests: a tenant with its own Vapi key (a fresh sandbox organisation) and that
 * organisation's SDK client, a named user (for [USER_NAME]), seeded prompt templates and phone numbers.
 * Test code only.
 */
import { VapiClient } from '@vapi-ai/server-sdk'
import type { CoreDeps } from '../_shared/deps.ts'
import { loadVapiEnv } from '../_shared/vapi.ts'

/** The SDK client of a Vapi organisation (the sandbox), as a test sees it from outside. */
export function vapiClient(key: string): VapiClient {
  return new VapiClient({ token: key, baseUrl: loadVapiEnv().VAPI_BASE_URL, maxRetries: 0 })
}

/** Inserts or replaces the platform template of a profession and language (as the service role). */
export async function seedTemplate(
  deps: CoreDeps,
  template: { profession: string; language: string; first_message: string; body: string },
) {
  await deps.db.asService((tx) =>
    tx`insert into public.prompt_templates (profession, language, name, first_message, body)
       values (${template.profession}, ${template.language}, ${'Test ' + template.profession},
         ${template.first_message}, ${template.body})
       on conflict (profession, language) do update
       set first_message = excluded.first_message, body = excluded.body`
  )
}

/** A free number bought in the sandbox with the tenant's key, and our row for it assigned to `assistantId`. */
export async function numberFor(deps: CoreDeps, tenantId: string, vapi: VapiClient, assistantId: string) {
  const created = await vapi.phoneNumbers.create({ provider: 'vapi', numberDesiredAreaCode: '415' })
  const number = (created as { number?: string }).number ?? `+1415555${String(Date.now()).slice(-4)}`
  const [row] = await deps.db.asService((tx) =>
    tx<{ id: string }[]>`
      insert into public.phone_numbers (tenant_id, vapi_id, number, source, assistant_id, vapi_payload)
      values (${tenantId}, ${created.id}, ${number}, 'vapi', ${assistantId}, ${tx.json(created as never)})
      returning id`
  )
  return { id: row.id, vapiId: created.id, number }
}

/** The assistants' rows of a tenant, read as the service role. */
export async function assistantRows(deps: CoreDeps, tenantId: string) {
  return await deps.db.asService((tx) =>
    tx<{ id: string; vapi_id: string; name: string; active: boolean }[]>`
      select id, vapi_id, name, active from public.assistants where tenant_id = ${tenantId} order by name`
  )
}
