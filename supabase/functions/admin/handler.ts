/**
 * The `admin` function: platform administration for platform admins (public.platform_admins): the default
 * prompt templates with a live preview for any tenant, and the pool of virtual numbers. Every route is a
 * `user` route (no tenant); all but `GET /admin/me` first check the flag (403 `platform_admin_required`),
 * then RLS and the admin-only lookups check it again.
 */
import { adminContract, type AdminTenant, type AdminTenantsQuery } from '../../../shared/contracts/admin.ts'
import type { Page } from '../../../shared/contracts/pagination.ts'
import type { z } from 'zod'
import type { Tx } from '../_shared/db.ts'
import { defineFunction } from '../_shared/function.ts'
import { decodeCursor, TextIdKey, toPage } from '../_shared/pagination.ts'
import { type AdminCaller, isPlatformAdmin, requirePlatformAdmin } from './platform-admin.ts'
import {
  createTemplate,
  deleteTemplate,
  listTemplates,
  previewTemplate,
  updateTemplate,
} from './templates.ts'
import { createVirtualNumber, deleteVirtualNumber, listVirtualNumbers } from './virtual-numbers.ts'

/** Runs `fn` once the caller is known to be a platform admin. */
function adminOnly<C extends AdminCaller, T>(fn: (ctx: C) => Promise<T>) {
  return async (ctx: C): Promise<T> => {
    await requirePlatformAdmin(ctx.tx)
    return await fn(ctx)
  }
}

export default defineFunction({
  contract: adminContract,
  operations: {
    me: async ({ tx }) => ({ platform_admin: await isPlatformAdmin(tx) }),
    listTemplates: adminOnly(({ tx, input }) => listTemplates(tx, input.query)),
    createTemplate: adminOnly((ctx) => createTemplate(ctx, ctx.input.body)),
    updateTemplate: adminOnly((ctx) => updateTemplate(ctx, ctx.input.params.id, ctx.input.body)),
    deleteTemplate: adminOnly((ctx) => deleteTemplate(ctx, ctx.input.params.id)),
    previewTemplate: adminOnly(({ tx, input }) => previewTemplate(tx, input.body)),
    listTenants: adminOnly(({ tx, input }) => searchTenants(tx, input.query)),
    listVirtualNumbers: adminOnly(({ tx, input }) => listVirtualNumbers(tx, input.query)),
    createVirtualNumber: adminOnly((ctx) => createVirtualNumber(ctx, ctx.input.body)),
    deleteVirtualNumber: adminOnly((ctx) => deleteVirtualNumber(ctx, ctx.input.params.id)),
  },
})

/** Every tenant whose name contains the query (any case), by name: the preview's tenant picker. */
async function searchTenants(tx: Tx, query: z.output<typeof AdminTenantsQuery>): Promise<Page<AdminTenant>> {
  const after = query.cursor ? decodeCursor(query.cursor, TextIdKey) : null
  const rows = await tx<AdminTenant[]>`
    select id, name, country, profession, language from private.admin_search_tenants(
      ${query.query || null}, ${after?.[0] ?? null}, ${after?.[1] ?? null}::uuid, ${query.limit + 1})`
  return toPage(rows, query.limit, (row) => ({ ...row }), (row) => [row.name, row.id])
}
