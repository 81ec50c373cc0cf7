/**
 * The `admin` function: platform administration, for platform admins only (a flag on the user, not a tenant
 * role). The default prompt templates every tenant's "Start from my profession" reads, with a live preview for
 * a chosen tenant, and the pool of virtual numbers tenants take theirs from. No tenant header: every route is
 * a `user` route, and the function answers 403 `platform_admin_required` to anyone else (RLS is the second
 * wall).
 */
import { z } from 'zod'
import { LANGUAGES } from '../languages.ts'
import { PROFESSIONS } from '../professions.ts'
import { safeText } from '../text.ts'
import { ListQuery, page } from './pagination.ts'
import { defineContract, type RouteProblem } from './route.ts'

/** The profession a template serves; `default` serves every profession without a template of its own. */
export const TEMPLATE_PROFESSIONS = ['default', ...PROFESSIONS] as const
export const TemplateProfession = z.enum(TEMPLATE_PROFESSIONS)
export type TemplateProfession = z.infer<typeof TemplateProfession>

export const TemplateLanguage = z.enum(LANGUAGES)

/**
 * The 'default' template of each language the platform speaks: every tenant without a template of its own
 * falls back on it, so it can be edited but never deleted.
 */
export function isProtectedTemplate(profession: string, language: string): boolean {
  return profession === 'default' && (LANGUAGES as readonly string[]).includes(language)
}

export const AdminMe = z.object({
  platform_admin: z.boolean().describe('Whether the caller is a platform admin (the Admin page is theirs)'),
})
export type AdminMe = z.infer<typeof AdminMe>

export const PromptTemplate = z.object({
  id: z.uuid(),
  profession: TemplateProfession,
  language: TemplateLanguage,
  name: z.string(),
  first_message: z.string().describe('What the assistant says when it picks up; may use placeholders'),
  body: z.string().describe('The system prompt, with [PLACEHOLDERS] filled from the tenant profile'),
  placeholders: z.array(z.string()).describe('The placeholders body and first message use, in order'),
  updated_by: z.uuid().nullable(),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
})
export type PromptTemplate = z.infer<typeof PromptTemplate>

export const CreateTemplateBody = z.object({
  profession: TemplateProfession.describe("The profession it serves; 'default' for every other one"),
  language: TemplateLanguage,
  name: safeText().trim().min(1, 'Required').max(120),
  first_message: safeText().trim().max(1000).default(''),
  body: safeText().trim().min(1, 'Required').max(20000).describe(
    'The system prompt; only known placeholders ([USER_NAME], [BUSINESS_NAME], [PROFESSION], [LANGUAGE], ' +
      '[COUNTRY], [TIMEZONE], [OWNER_PHONE])',
  ),
})
export type CreateTemplateBody = z.input<typeof CreateTemplateBody>

export const UpdateTemplateBody = z.object({
  profession: TemplateProfession,
  language: TemplateLanguage,
  name: safeText().trim().min(1, 'Required').max(120),
  first_message: safeText().trim().max(1000),
  body: safeText().trim().min(1, 'Required').max(20000),
}).partial()
export type UpdateTemplateBody = z.input<typeof UpdateTemplateBody>

export const PreviewTemplateBody = z.object({
  body: safeText().max(20000),
  first_message: safeText().max(1000).optional(),
  tenant_id: z.uuid().describe('The tenant whose profile fills the placeholders'),
})
export type PreviewTemplateBody = z.input<typeof PreviewTemplateBody>

export const TemplatePreview = z.object({
  text: z.string().describe('The body with every placeholder the profile fills'),
  first_message: z.string(),
  unknown: z.array(z.string()).describe('Placeholders nothing fills: such a template cannot be saved'),
  missing: z.array(z.string()).describe("Known placeholders this tenant's profile has no value for"),
})
export type TemplatePreview = z.infer<typeof TemplatePreview>

export const AdminTenant = z.object({
  id: z.uuid(),
  name: z.string(),
  country: z.string(),
  profession: z.string(),
  language: TemplateLanguage,
})
export type AdminTenant = z.infer<typeof AdminTenant>

export const AdminTenantsQuery = ListQuery.extend({
  query: safeText().trim().max(120).optional().describe('Part of the tenant name, any case'),
})

export const VIRTUAL_NUMBER_PROVIDERS = ['twilio', 'vonage', 'telnyx'] as const
export const VirtualNumberProvider = z.enum(VIRTUAL_NUMBER_PROVIDERS)
export type VirtualNumberProvider = z.infer<typeof VirtualNumberProvider>

export const CountryCode = z.string().trim().toUpperCase().regex(
  /^[A-Z]{2}$/,
  'ISO 3166-1 alpha-2 country code',
)

export const VirtualNumber = z.object({
  id: z.uuid(),
  number: z.string().describe('E.164'),
  country: z.string(),
  provider: VirtualNumberProvider,
  tenant: z.object({ id: z.uuid(), name: z.string() }).nullable().describe(
    'The holder; null while available',
  ),
  assigned_at: z.iso.datetime().nullable(),
  created_at: z.iso.datetime(),
})
export type VirtualNumber = z.infer<typeof VirtualNumber>

export const VIRTUAL_NUMBER_STATUSES = ['available', 'assigned'] as const

export const VirtualNumbersQuery = ListQuery.extend({
  country: CountryCode.optional(),
  status: z.enum(VIRTUAL_NUMBER_STATUSES).optional(),
})

export const CreateVirtualNumberBody = z.object({
  number: safeText().trim().min(1, 'Required').max(32).describe('In any usual notation; stored in E.164'),
  country: CountryCode.describe('The country the number belongs to (ISO 3166-1 alpha-2, any case)'),
  provider: VirtualNumberProvider,
})
export type CreateVirtualNumberBody = z.input<typeof CreateVirtualNumberBody>

const Id = z.object({ id: z.uuid() })

const ADMIN_ONLY: RouteProblem = {
  status: 403,
  code: 'platform_admin_required',
  description: 'The caller is not a platform admin',
}

export const adminContract = defineContract({
  name: 'admin',
  summary: 'Platform administration: the default prompt templates and the pool of virtual numbers',
  routes: {
    me: {
      method: 'GET',
      path: '/me',
      summary: 'Whether the caller is a platform admin',
      access: 'user',
      response: AdminMe,
    },
    listTemplates: {
      method: 'GET',
      path: '/templates',
      summary: 'List the prompt templates, every profession and language',
      description: 'Ordered by profession then language.',
      access: 'user',
      query: ListQuery,
      response: page(PromptTemplate),
      problems: [ADMIN_ONLY],
    },
    createTemplate: {
      method: 'POST',
      path: '/templates',
      summary: 'Create the template of a profession and language',
      access: 'user',
      body: CreateTemplateBody,
      response: PromptTemplate,
      status: 201,
      problems: [
        ADMIN_ONLY,
        {
          status: 422,
          code: 'unknown_placeholders',
          description: '`body` or `first_message` uses unknown ones',
        },
        { status: 409, code: 'template_exists', description: 'That profession and language has a template' },
      ],
    },
    updateTemplate: {
      method: 'PATCH',
      path: '/templates/:id',
      summary: 'Change a template',
      description:
        "Only the fields sent change. The 'default' en and fr templates keep their profession and " +
        'language.',
      access: 'user',
      params: Id,
      body: UpdateTemplateBody,
      response: PromptTemplate,
      problems: [
        ADMIN_ONLY,
        { status: 404, code: 'template_not_found', description: 'No such template' },
        {
          status: 422,
          code: 'unknown_placeholders',
          description: '`body` or `first_message` uses unknown ones',
        },
        { status: 409, code: 'template_exists', description: 'That profession and language has a template' },
        { status: 409, code: 'default_template_protected', description: "A 'default' template cannot move" },
      ],
    },
    deleteTemplate: {
      method: 'DELETE',
      path: '/templates/:id',
      summary: 'Delete a template',
      description: "Assistants started from it keep their prompt. The 'default' en and fr ones stay.",
      access: 'user',
      params: Id,
      response: null,
      problems: [
        ADMIN_ONLY,
        { status: 404, code: 'template_not_found', description: 'No such template' },
        { status: 409, code: 'default_template_protected', description: "The 'default' en and fr ones stay" },
      ],
    },
    previewTemplate: {
      method: 'POST',
      path: '/templates/preview',
      summary: "Render a template (saved or not) with a tenant's profile",
      description:
        "The user name is the tenant owner's full name. Unknown placeholders are reported, and so " +
        'are the known ones this profile cannot fill (left as they are).',
      access: 'user',
      body: PreviewTemplateBody,
      response: TemplatePreview,
      problems: [ADMIN_ONLY, { status: 404, code: 'tenant_not_found', description: 'No such tenant' }],
    },
    listTenants: {
      method: 'GET',
      path: '/tenants',
      summary: 'Search every tenant by name (the preview picker)',
      access: 'user',
      query: AdminTenantsQuery,
      response: page(AdminTenant),
      problems: [ADMIN_ONLY],
    },
    listVirtualNumbers: {
      method: 'GET',
      path: '/virtual-numbers',
      summary: 'List the pool of virtual numbers, with the tenant holding each',
      description: 'Ordered by number.',
      access: 'user',
      query: VirtualNumbersQuery,
      response: page(VirtualNumber),
      problems: [ADMIN_ONLY],
    },
    createVirtualNumber: {
      method: 'POST',
      path: '/virtual-numbers',
      summary: 'Add a number to the pool',
      access: 'user',
      body: CreateVirtualNumberBody,
      response: VirtualNumber,
      status: 201,
      problems: [
        ADMIN_ONLY,
        { status: 400, code: 'validation_failed', description: '`number` is not a number of `country`' },
        { status: 409, code: 'virtual_number_exists', description: 'The pool already has this number' },
      ],
    },
    deleteVirtualNumber: {
      method: 'DELETE',
      path: '/virtual-numbers/:id',
      summary: 'Remove an available number from the pool',
      access: 'user',
      params: Id,
      response: null,
      problems: [
        ADMIN_ONLY,
        { status: 404, code: 'virtual_number_not_found', description: 'No such number' },
        { status: 409, code: 'virtual_number_held', description: 'A tenant holds it (named in the detail)' },
      ],
    },
  },
})
