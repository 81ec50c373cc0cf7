import { z } from 'zod'
import { LANGUAGES } from '../languages.ts'
import { PERMISSIONS } from '../permissions.ts'
import { ListQuery, page } from './pagination.ts'
import { defineContract } from './route.ts'
import { PROFESSIONS } from '../professions.ts'
import { safeText } from '../text.ts'

export { LANGUAGES }
export const Language = z.enum(LANGUAGES)
export type Language = z.infer<typeof Language>

/** An IANA time zone the runtime knows ("Europe/Paris"). */
export const TimeZone = z.string().trim().min(1).max(64).refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz })
      return true
    } catch {
      return false
    }
  },
  { message: 'Unknown time zone' },
)

/**
 * The owner's own phone as typed ("06 12 34 56 78", "+32 470 12 34 56"): the function parses it with the
 * tenant's country as default region and stores it in E.164, or answers 400 naming `owner_phone`.
 */
export const OwnerPhone = safeText().trim().min(1, 'Required').max(32).describe(
  "The owner's own phone, in any usual notation; stored in E.164. Calls no assistant answers go there, and " +
    'its country picks the virtual-number pool',
)

export const CreateTenantBody = z.object({
  name: safeText().trim().min(1, 'Required').max(120).describe("The business's name, as callers know it"),
  country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 country code')
    .describe('ISO 3166-1 alpha-2 code, any case (fr → FR)'),
  language: Language.describe('The language of the assistants and messages'),
  timezone: TimeZone.describe('IANA time zone, e.g. Europe/Paris'),
  profession: z.enum(PROFESSIONS).describe('Picks the default assistant prompt'),
  owner_phone: OwnerPhone.optional(),
})
export type CreateTenantBody = z.infer<typeof CreateTenantBody>

/** What a tenant manager may change; only the fields sent change, `owner_phone: null` removes the phone. */
export const UpdateTenantBody = CreateTenantBody.omit({ owner_phone: true }).partial().extend({
  owner_phone: OwnerPhone.nullable().optional(),
})
export type UpdateTenantBody = z.infer<typeof UpdateTenantBody>

export const Tenant = z.object({
  id: z.uuid(),
  name: z.string(),
  slug: z.string(),
  country: z.string(),
  language: Language,
  timezone: z.string(),
  profession: z.enum(PROFESSIONS),
  owner_phone: z.string().nullable().describe("The owner's own phone in E.164; null when not set"),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
})
export type Tenant = z.infer<typeof Tenant>

export const TenantMembership = Tenant.extend({
  role: z.object({ id: z.uuid(), name: z.string() }),
  permissions: z.array(z.enum(PERMISSIONS)),
})
export type TenantMembership = z.infer<typeof TenantMembership>

export const ListTenantsResponse = page(TenantMembership)
export type ListTenantsResponse = z.infer<typeof ListTenantsResponse>

/** The header that names the tenant a request acts on. */
export const TENANT_HEADER = 'x-tenant-id'

/** The `tenants` function: the businesses the caller belongs to. No tenant header: these act on the user. */
export const tenantsContract = defineContract({
  name: 'tenants',
  summary: 'The tenants (businesses) of the signed-in user',
  routes: {
    list: {
      method: 'GET',
      path: '/',
      summary: "List the caller's tenants, with their role and permissions in each",
      description: 'Active memberships only, ordered by tenant name.',
      access: 'user',
      query: ListQuery,
      response: ListTenantsResponse,
    },
    create: {
      method: 'POST',
      path: '/',
      summary: 'Create a tenant; the caller becomes its owner',
      access: 'user',
      body: CreateTenantBody,
      response: Tenant,
      status: 201,
      problems: [{
        status: 400,
        code: 'validation_failed',
        description: '`owner_phone` is not a phone number',
      }],
    },
    update: {
      method: 'PATCH',
      path: '/current',
      summary: 'Update the tenant named by x-tenant-id',
      description:
        "Only the fields sent change. `owner_phone` is parsed with the tenant's country as default " +
        'region and stored in E.164; `null` removes it.',
      access: 'tenant.manage',
      body: UpdateTenantBody,
      response: Tenant,
    },
  },
})
