/**
 * The platform's pool of virtual numbers (public.virtual_numbers): tenants take theirs from it (phone-numbers,
 * through public.claim_virtual_number); platform admins fill it and see who holds each number. A number is
 * stored in E.164 and must belong to the country it is filed under.
 */
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max'
import type { z } from 'zod'
import type {
  CreateVirtualNumberBody,
  VirtualNumber,
  VirtualNumbersQuery,
} from '../../../shared/contracts/admin.ts'
import type { Page } from '../../../shared/contracts/pagination.ts'
import type { Tx } from '../_shared/db.ts'
import { Conflict, NotFound, ValidationFailed } from '../_shared/errors.ts'
import { afterTextId, textIdOrder, toPage } from '../_shared/pagination.ts'
import { type AdminCaller, auditPlatform } from './platform-admin.ts'

interface VirtualNumberRow {
  id: string
  number: string
  country: string
  provider: VirtualNumber['provider']
  tenant_id: string | null
  assigned_at: Date | null
  created_at: Date
}

const COLUMNS = [
  'id',
  'number',
  'country',
  'provider',
  'tenant_id',
  'assigned_at',
  'created_at',
] as const satisfies readonly (keyof VirtualNumberRow)[]

/** The names of the tenants holding these rows' numbers (platform admins only, whatever their memberships). */
async function holderNames(tx: Tx, rows: readonly VirtualNumberRow[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.flatMap((row) => (row.tenant_id ? [row.tenant_id] : [])))]
  if (ids.length === 0) return new Map()
  const names = await tx<{ id: string; name: string }[]>`
    select id, name from private.admin_tenant_names(${ids}::uuid[])`
  return new Map(names.map((n) => [n.id, n.name]))
}

function toVirtualNumber(row: VirtualNumberRow, names: Map<string, string>): VirtualNumber {
  return {
    id: row.id,
    number: row.number,
    country: row.country,
    provider: row.provider,
    tenant: row.tenant_id ? { id: row.tenant_id, name: names.get(row.tenant_id) ?? '' } : null,
    assigned_at: row.assigned_at?.toISOString() ?? null,
    created_at: row.created_at.toISOString(),
  }
}

export async function listVirtualNumbers(
  tx: Tx,
  query: z.output<typeof VirtualNumbersQuery>,
): Promise<Page<VirtualNumber>> {
  const status = query.status === 'available'
    ? tx`tenant_id is null`
    : query.status === 'assigned'
    ? tx`tenant_id is not null`
    : tx`true`
  const rows = await tx<VirtualNumberRow[]>`
    select ${tx(COLUMNS)} from public.virtual_numbers
    where ${status}
      and ${query.country ? tx`country = ${query.country}` : tx`true`}
      and ${afterTextId(tx, query.cursor, 'number')}
    order by ${textIdOrder(tx, 'number')}
    limit ${query.limit + 1}`
  const names = await holderNames(tx, rows)
  return toPage(rows, query.limit, (row) => toVirtualNumber(row, names), (row) => [row.number, row.id])
}

/** The number in E.164 when it is a valid number of `country`; else a 400 naming `number`. */
export function poolNumber(raw: string, country: string): string {
  const parsed = parsePhoneNumberFromString(raw, country as CountryCode)
  if (!parsed?.isValid()) {
    throw new ValidationFailed([{
      field: 'number',
      code: 'invalid_phone_number',
      message: 'Not a valid phone number',
    }])
  }
  if (parsed.country !== country) {
    throw new ValidationFailed([{
      field: 'number',
      code: 'country_mismatch',
      message: `${parsed.number} is a number of ${parsed.country ?? 'no country'}, not ${country}`,
    }])
  }
  return parsed.number
}

export async function createVirtualNumber(
  caller: AdminCaller,
  body: z.output<typeof CreateVirtualNumberBody>,
): Promise<VirtualNumber> {
  const { tx, claims } = caller
  const number = poolNumber(body.number, body.country)
  const [row] = await tx<VirtualNumberRow[]>`
    insert into public.virtual_numbers (number, country, provider, created_by)
    values (${number}, ${body.country}, ${body.provider}, ${claims.sub})
    on conflict (number) do nothing
    returning ${tx(COLUMNS)}`
  if (!row) throw new Conflict('virtual_number_exists', `${number} is already in the pool`)
  auditPlatform(caller, 'admin.virtual_number.created', `virtual_number:${row.id}`, {
    number,
    country: row.country,
    provider: row.provider,
  })
  return toVirtualNumber(row, new Map())
}

/** Only a number nobody holds leaves the pool: a held one is a 409 naming its tenant. */
export async function deleteVirtualNumber(caller: AdminCaller, id: string): Promise<void> {
  const { tx } = caller
  const [row] = await tx<VirtualNumberRow[]>`
    select ${tx(COLUMNS)} from public.virtual_numbers where id = ${id} for update`
  if (!row) throw new NotFound('virtual_number_not_found', 'No such number in the pool')
  if (row.tenant_id) {
    const holder = (await holderNames(tx, [row])).get(row.tenant_id) ?? row.tenant_id
    throw new Conflict(
      'virtual_number_held',
      `${row.number} is held by ${holder}; it can leave the pool once released`,
    )
  }
  await tx`delete from public.virtual_numbers where id = ${id}`
  auditPlatform(caller, 'admin.virtual_number.deleted', `virtual_number:${id}`, {
    number: row.number,
    country: row.country,
  })
}
