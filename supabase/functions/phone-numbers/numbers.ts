/** A tenant's phone_numbers rows as the API shows them: one select with what answers each, one mapper. */
import type { PhoneNumber, PhoneNumberSource } from '../../../shared/contracts/phone-numbers.ts'
import type { Tx } from '../_shared/db.ts'
import { newestSortAt } from '../_shared/pagination.ts'
import { NotFound } from '../_shared/errors.ts'
import { phoneCountry } from '../_shared/phone.ts'

/** A row of public.phone_numbers joined with its assistant, workflow and the tenant's owner phone. */
export interface NumberRow {
  id: string
  vapi_id: string
  name: string | null
  number: string
  source: PhoneNumberSource
  status: string
  assistant_id: string | null
  workflow_id: string | null
  virtual_number_id: string | null
  created_at: Date
  updated_at: Date
  assistant_name: string | null
  assistant_active: boolean | null
  workflow_name: string | null
  owner_phone: string | null
  /** created_at with its microseconds, for the list's cursor (a Date keeps only milliseconds). */
  sort_at: string
}

/** The rows of a tenant matching `filter` (RLS applies: another tenant's rows are never seen). */
export function selectNumbers(tx: Tx, tenant: string, filter = tx`true`, tail = tx``): Promise<NumberRow[]> {
  return tx<NumberRow[]>`
    select p.id, p.vapi_id, p.name, p.number, p.source, p.status, p.assistant_id, p.workflow_id,
      p.virtual_number_id, p.created_at, p.updated_at,
      a.name as assistant_name, a.active as assistant_active, w.name as workflow_name, t.owner_phone,
      ${newestSortAt(tx, 'p')} as sort_at
    from public.phone_numbers p
    join public.tenants t on t.id = p.tenant_id
    left join public.assistants a on a.id = p.assistant_id
    left join public.workflows w on w.id = p.workflow_id
    where p.tenant_id = ${tenant} and ${filter}
    ${tail}`
}

/** One number of the tenant, or 404 (also for another tenant's number: RLS hides it). */
export async function findNumber(tx: Tx, tenant: string, id: string): Promise<NumberRow> {
  const [row] = await selectNumbers(tx, tenant, tx`p.id = ${id}`)
  if (!row) throw new NotFound('phone_number_not_found', 'No such phone number')
  return row
}

export function toPhoneNumber(row: NumberRow): PhoneNumber {
  return {
    id: row.id,
    vapi_id: row.vapi_id,
    name: row.name,
    number: row.number,
    source: row.source,
    status: row.status,
    assistant_id: row.assistant_id,
    workflow_id: row.workflow_id,
    country: phoneCountry(row.number),
    answered_by: row.assistant_id !== null
      ? {
        type: 'assistant',
        id: row.assistant_id,
        name: row.assistant_name ?? '',
        active: row.assistant_active ?? false,
      }
      : row.workflow_id !== null
      ? { type: 'workflow', id: row.workflow_id, name: row.workflow_name ?? '' }
      : { type: 'nobody', fallback_number: row.owner_phone },
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  }
}
