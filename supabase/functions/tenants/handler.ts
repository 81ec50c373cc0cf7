/** Tenants the caller belongs to, creating one (the creator becomes its owner), and updating the current one. */
import {
  type CreateTenantBody,
  type Tenant,
  type TenantMembership,
  tenantsContract,
  type UpdateTenantBody,
} from '../../../shared/contracts/tenants.ts'
import type { Page } from '../../../shared/contracts/pagination.ts'
import type { Permission } from '../../../shared/permissions.ts'
import { slugify } from '../../../shared/slug.ts'
import { audit } from '../_shared/audit.ts'
import type { Claims } from '../_shared/auth.ts'
import type { Tx } from '../_shared/db.ts'
import { defineFunction } from '../_shared/function.ts'
import { NotFound } from '../_shared/errors.ts'
import { afterTextId, textIdOrder, toPage } from '../_shared/pagination.ts'
import { normalizeOwnerPhone } from '../_shared/phone.ts'

export default defineFunction({
  contract: tenantsContract,
  operations: {
    list: ({ tx, claims, input }) => listTenants(tx, claims, input.query),
    create: ({ tx, claims, input }) => createTenant(tx, claims, input.body),
    update: ({ tx, claims, tenant, input }) => updateTenant(tx, claims, tenant, input.body),
  },
})

/** A row of public.tenants as the API shows it. */
interface TenantRow {
  id: string
  name: string
  slug: string
  country: string
  language: Tenant['language']
  timezone: string
  profession: Tenant['profession']
  owner_phone: string | null
  created_at: Date
  updated_at: Date
}

const TENANT_COLUMNS = [
  'id',
  'name',
  'slug',
  'country',
  'language',
  'timezone',
  'profession',
  'owner_phone',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof TenantRow)[]

function toTenant(row: TenantRow): Tenant {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    country: row.country,
    language: row.language,
    timezone: row.timezone,
    profession: row.profession,
    owner_phone: row.owner_phone,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  }
}

export async function createTenant(tx: Tx, claims: Claims, body: CreateTenantBody): Promise<Tenant> {
  // Parsed before anything is written: a bad phone creates no tenant.
  const ownerPhone = body.owner_phone === undefined
    ? null
    : normalizeOwnerPhone(body.owner_phone, body.country)
  let [row] = await tx<TenantRow[]>`
    select ${tx(TENANT_COLUMNS)} from public.create_tenant(
      ${body.name}, ${
    slugify(body.name)
  }, ${body.country}, ${body.language}, ${body.timezone}, ${body.profession})`
  if (ownerPhone !== null) {
    // create_tenant does not take it; the new owner holds tenant.manage, so RLS lets them set it at once.
    ;[row] = await tx<TenantRow[]>`
      update public.tenants set owner_phone = ${ownerPhone} where id = ${row.id}
      returning ${tx(TENANT_COLUMNS)}`
  }
  const tenant = toTenant(row)
  await audit(tx, {
    tenantId: tenant.id,
    actor: claims.sub,
    action: 'tenant.created',
    target: `tenant:${tenant.id}`,
    details: { name: tenant.name, slug: tenant.slug },
  })
  return tenant
}

interface MembershipRow extends TenantRow {
  role_id: string
  role_name: string
  permissions: Permission[]
}

/** Active memberships only, by tenant name then id: RLS shows a disabled member nothing, and so does this. */
export async function listTenants(
  tx: Tx,
  claims: Claims,
  query: { cursor?: string; limit: number },
): Promise<Page<TenantMembership>> {
  const rows = await tx<MembershipRow[]>`
    select ${tx(TENANT_COLUMNS)}, role_id, role_name, permissions
    from (
      select t.*, r.id as role_id, r.name as role_name, r.permissions
      from public.memberships m
      join public.tenants t on t.id = m.tenant_id
      join public.roles r on r.id = m.role_id
      where m.user_id = ${claims.sub} and m.status = 'active'
    ) as membership
    where ${afterTextId(tx, query.cursor, 'name')}
    order by ${textIdOrder(tx, 'name')}
    limit ${query.limit + 1}`
  return toPage(rows, query.limit, (row) => ({
    ...toTenant(row),
    role: { id: row.role_id, name: row.role_name },
    permissions: row.permissions,
  }), (row) => [row.name, row.id])
}

/**
 * Changes the fields sent of the caller's current tenant (tenant.manage, checked by the route helper and by
 * RLS). A new phone is parsed with the tenant's country as it will be after the update.
 */
export async function updateTenant(
  tx: Tx,
  claims: Claims,
  tenantId: string,
  body: UpdateTenantBody,
): Promise<Tenant> {
  const [current] = await tx<TenantRow[]>`select ${
    tx(TENANT_COLUMNS)
  } from public.tenants where id = ${tenantId}`
  if (!current) throw new NotFound('tenant_not_found', 'No such tenant')
  const { owner_phone: phone, ...rest } = body
  const changes: Partial<Record<keyof TenantRow, string | null>> = Object.fromEntries(
    Object.entries(rest).filter(([, value]) => value !== undefined),
  )
  if (phone !== undefined) {
    changes.owner_phone = phone === null ? null : normalizeOwnerPhone(phone, body.country ?? current.country)
  }
  const fields = Object.keys(changes) as (keyof TenantRow)[]
  if (fields.length === 0) return toTenant(current)
  const [row] = await tx<TenantRow[]>`
    update public.tenants set ${tx(changes, fields)} where id = ${tenantId}
    returning ${tx(TENANT_COLUMNS)}`
  const tenant = toTenant(row)
  await audit(tx, {
    tenantId,
    actor: claims.sub,
    action: 'tenant.updated',
    target: `tenant:${tenantId}`,
    details: { fields, ...('owner_phone' in changes ? { owner_phone: changes.owner_phone } : {}) },
  })
  return tenant
}
