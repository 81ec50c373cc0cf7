/** Tenants the caller belongs to, and creating one (the creator becomes its owner). */
import {
  type CreateTenantBody,
  type Tenant,
  type TenantMembership,
  tenantsContract,
} from '../../../shared/contracts/tenants.ts'
import type { Page } from '../../../shared/contracts/pagination.ts'
import type { Permission } from '../../../shared/permissions.ts'
import { slugify } from '../../../shared/slug.ts'
import { audit } from '../_shared/audit.ts'
import type { Claims } from '../_shared/auth.ts'
import type { Tx } from '../_shared/db.ts'
import { defineFunction } from '../_shared/function.ts'
import { decodeCursor, TextIdKey, toPage } from '../_shared/pagination.ts'

export default defineFunction({
  contract: tenantsContract,
  operations: {
    list: ({ tx, claims, input }) => listTenants(tx, claims, input.query),
    create: ({ tx, claims, input }) => createTenant(tx, claims, input.body),
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
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  }
}

export async function createTenant(tx: Tx, claims: Claims, body: CreateTenantBody): Promise<Tenant> {
  const [row] = await tx<TenantRow[]>`
    select ${tx(TENANT_COLUMNS)} from public.create_tenant(
      ${body.name}, ${
    slugify(body.name)
  }, ${body.country}, ${body.language}, ${body.timezone}, ${body.profession})`
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
  const after = query.cursor ? decodeCursor(query.cursor, TextIdKey) : null
  const rows = await tx<MembershipRow[]>`
    select ${tx(TENANT_COLUMNS)}, role_id, role_name, permissions
    from (
      select t.*, r.id as role_id, r.name as role_name, r.permissions
      from public.memberships m
      join public.tenants t on t.id = m.tenant_id
      join public.roles r on r.id = m.role_id
      where m.user_id = ${claims.sub} and m.status = 'active'
    ) as membership
    where ${after ? tx`(name, id) > (${after[0]}, ${after[1]}::uuid)` : tx`true`}
    order by name, id
    limit ${query.limit + 1}`
  return toPage(rows, query.limit, (row) => ({
    ...toTenant(row),
    role: { id: row.role_id, name: row.role_name },
    permissions: row.permissions,
  }), (row) => [row.name, row.id])
}
