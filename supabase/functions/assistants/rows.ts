/**
 * public.assistants as the API shows it: the row type, the one select every operation reads through (with
 * the numbers each assistant answers), the row → API mapper, and the writes of our fields.
 */
import { storedPayload } from '../_shared/voice.ts'
import postgres from 'postgres'
import type { Assistant } from '../../../shared/contracts/assistants.ts'
import { webhookUrl } from '../../../shared/contracts/webhooks.ts'
import type { Tx } from '../_shared/db.ts'
import { NotFound } from '../_shared/errors.ts'
import type { AssistantFields } from './payload.ts'

export interface AssistantRow extends AssistantFields {
  id: string
  vapi_id: string
  knowledge_base_id: string | null
  active: boolean
  last_call_at: Date | null
  vapi_payload: Record<string, unknown>
  created_at: Date
  updated_at: Date
  numbers: { id: string; number: string; name: string | null }[]
}

const ASSISTANT_COLUMNS = [
  'id',
  'vapi_id',
  'name',
  'first_message',
  'system_prompt',
  'language',
  'voice',
  'model',
  'transcriber',
  'end_call_phrases',
  'recording_enabled',
  'summary_prompt',
  'structured_data_schema',
  'knowledge_base_id',
  'active',
  'last_call_at',
  'vapi_payload',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof AssistantRow)[]

/** Selects assistants (RLS applies) with their numbers; `where` filters `a`, `tail` orders and limits. */
export function selectAssistants(tx: Tx, where: postgres.PendingQuery<postgres.Row[]>, tail = tx``) {
  return tx<AssistantRow[]>`
    select ${tx(ASSISTANT_COLUMNS.map((c) => `a.${c}`))},
      coalesce((
        select json_agg(json_build_object('id', p.id, 'number', p.number, 'name', p.name)
          order by p.created_at, p.id)
        from public.phone_numbers p where p.assistant_id = a.id
      ), '[]'::json) as numbers
    from public.assistants a
    where ${where}
    ${tail}`
}

/** One assistant of the tenant, or 404 (another tenant's is as missing as a deleted one). */
export async function loadAssistant(tx: Tx, tenant: string, id: string): Promise<AssistantRow> {
  const [row] = await selectAssistants(tx, tx`a.tenant_id = ${tenant} and a.id = ${id}`)
  if (!row) throw new NotFound('assistant_not_found', 'No such assistant')
  return row
}

/** Whether Vapi's copy (as last synced) sends its server messages to this tenant's webhook. */
function webhookConfigured(row: AssistantRow, tenant: string, supabaseUrl: string): boolean {
  const payload = row.vapi_payload as { server?: { url?: unknown }; metadata?: { tenant_id?: unknown } }
  return payload.server?.url === webhookUrl(supabaseUrl, 'vapi', tenant) &&
    payload.metadata?.tenant_id === tenant
}

/** The fields we edit and sync with Vapi, out of a row. */
export function assistantFields(row: AssistantRow): AssistantFields {
  return {
    name: row.name,
    first_message: row.first_message,
    system_prompt: row.system_prompt,
    language: row.language,
    voice: row.voice,
    model: row.model,
    transcriber: row.transcriber,
    end_call_phrases: row.end_call_phrases,
    recording_enabled: row.recording_enabled,
    summary_prompt: row.summary_prompt,
    structured_data_schema: row.structured_data_schema,
  }
}

export function toAssistant(row: AssistantRow, tenant: string, supabaseUrl: string): Assistant {
  return {
    id: row.id,
    vapi_id: row.vapi_id,
    ...assistantFields(row),
    knowledge_base_id: row.knowledge_base_id,
    active: row.active,
    phone_number_ids: row.numbers.map((n) => n.id),
    phone_numbers: row.numbers,
    webhook_configured: webhookConfigured(row, tenant, supabaseUrl),
    last_call_at: row.last_call_at?.toISOString() ?? null,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  }
}

const json = (tx: Tx, value: unknown) => (value === null ? null : tx.json(value as postgres.JSONValue))

/** The columns of our fields, ready for an insert or an update. */
export function fieldColumns(tx: Tx, fields: AssistantFields) {
  return {
    name: fields.name,
    first_message: fields.first_message,
    system_prompt: fields.system_prompt,
    language: fields.language,
    voice: json(tx, fields.voice),
    model: json(tx, fields.model),
    transcriber: json(tx, fields.transcriber),
    end_call_phrases: fields.end_call_phrases,
    recording_enabled: fields.recording_enabled,
    summary_prompt: fields.summary_prompt,
    structured_data_schema: json(tx, fields.structured_data_schema),
  }
}

/** The synced Vapi copy's columns. */
export function syncColumns(tx: Tx, payload: unknown, hash: string) {
  return { vapi_payload: storedPayload(tx, payload), vapi_hash: hash }
}
