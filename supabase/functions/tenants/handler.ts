/** Tenants the caller belongs to, and creating one (the creator becomes its owner). */
import {
  CreateTenantBody,
  type ListTenantsResponse,
  type Tenant,
  type TenantMembership,
} from '../../../shared/contracts/tenants.ts'
import { slugify } from '../../../shared/slug.ts'
import { audit } from '../_shared/audit.ts'
import type { Claims } from '../_shared/auth.ts'
import type { Tx } from '../_shared/db.ts'
import type { Deps } from '../_shared/deps.ts'
import { createApp, parseBody } from '../_shared/http.ts'

export function createHandler(deps: Deps): (req: Request) => Promise<Response> {
  const app = createApp('tenants', deps)

  app.post('/', async (c) => {
    const body = await parseBody(c, CreateTenantBody)
    const tenant = await deps.db.asUser(c.var.claims, (tx) => createTenant(tx, c.var.claims, body))
    return c.json(tenant satisfies Tenant, 201)
  })

  app.get('/', async (c) => {
    const tenants = await deps.db.asUser(c.var.claims, (tx) => listTenants(tx, c.var.claims))
    return c.json({ tenants } satisfies ListTenantsResponse)
  })

  return async (req) => await app.fetch(req)
}

const TENANT_COLUMNS = 'id, name, slug, country, language, timezone, profession, created_at'

export async function createTenant(tx: Tx, claims: Claims, body: CreateTenantBody): Promise<Tenant> {
  const [row] = await tx<Tenant[]>`
    select ${tx.unsafe(TENANT_COLUMNS)} from public.create_tenant(
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

/** Active memberships only: RLS shows a disabled member nothing, and so does this list. */
export async function listTenants(tx: Tx, claims: Claims): Promise<TenantMembership[]> {
  const rows = await tx<(Tenant & { role_id: string; role_name: string; permissions: string[] })[]>`
    select ${tx.unsafe(TENANT_COLUMNS.split(', ').map((c) => `t.${c}`).join(', '))},
           r.id as role_id, r.name as role_name, r.permissions
    from public.memberships m
    join public.tenants t on t.id = m.tenant_id
    join public.roles r on r.id = m.role_id
    where m.user_id = ${claims.sub} and m.status = 'active'
    order by t.name, t.created_at`
  return rows.map((row) => ({
    ...toTenant(row),
    role: { id: row.role_id, name: row.role_name },
    permissions: row.permissions as TenantMembership['permissions'],
  }))
}

function toTenant(row: Tenant): Tenant {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    country: row.country,
    language: row.language,
    timezone: row.timezone,
    profession: row.profession,
    created_at: new Date(row.created_at).toISOString(),
  }
}
