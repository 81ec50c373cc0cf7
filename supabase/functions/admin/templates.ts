/**
 * The platform's prompt templates (public.prompt_templates): list, create, change, delete, and the live
 * preview with a tenant's profile. Bodies may use only the placeholders a profile fills
 * (_shared/prompt-template.ts): an unknown one is a 422 naming the field, so nothing unknown reaches Vapi.
 */
import { z } from 'zod'
import {
  type CreateTemplateBody,
  isProtectedTemplate,
  type PreviewTemplateBody,
  type PromptTemplate,
  type TemplatePreview,
  type UpdateTemplateBody,
} from '../../../shared/contracts/admin.ts'
import type { Page } from '../../../shared/contracts/pagination.ts'
import type { Language } from '../../../shared/languages.ts'
import type { Tx } from '../_shared/db.ts'
import { Conflict, NotFound, UnprocessableContent } from '../_shared/errors.ts'
import { decodeCursor, toPage } from '../_shared/pagination.ts'
import {
  declaredPlaceholders,
  renderTemplate,
  type TemplateProfile,
  unknownPlaceholders,
} from '../_shared/prompt-template.ts'
import { type AdminCaller, auditPlatform } from './platform-admin.ts'

type Created = z.output<typeof CreateTemplateBody>
type Updated = z.output<typeof UpdateTemplateBody>
type Preview = z.output<typeof PreviewTemplateBody>

interface TemplateRow {
  id: string
  profession: PromptTemplate['profession']
  language: Language
  name: string
  first_message: string
  body: string
  updated_by: string | null
  created_at: Date
  updated_at: Date
}

const COLUMNS = [
  'id',
  'profession',
  'language',
  'name',
  'first_message',
  'body',
  'updated_by',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof TemplateRow)[]

function toTemplate(row: TemplateRow): PromptTemplate {
  return {
    id: row.id,
    profession: row.profession,
    language: row.language,
    name: row.name,
    first_message: row.first_message,
    body: row.body,
    placeholders: declaredPlaceholders(`${row.body}\n${row.first_message}`),
    updated_by: row.updated_by,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  }
}

const ListKey = z.tuple([z.string(), z.string(), z.uuid()])

export async function listTemplates(
  tx: Tx,
  query: { cursor?: string; limit: number },
): Promise<Page<PromptTemplate>> {
  const after = query.cursor ? decodeCursor(query.cursor, ListKey) : null
  const rows = await tx<TemplateRow[]>`
    select ${tx(COLUMNS)} from public.prompt_templates
    where ${after ? tx`(profession, language, id) > (${after[0]}, ${after[1]}, ${after[2]}::uuid)` : tx`true`}
    order by profession, language, id
    limit ${query.limit + 1}`
  return toPage(rows, query.limit, toTemplate, (row) => [row.profession, row.language, row.id])
}

/** 422 naming each field that uses a placeholder no profile fills. */
function refuseUnknownPlaceholders(fields: { body?: string; first_message?: string }): void {
  const errors = Object.entries(fields).flatMap(([field, text]) => {
    if (text === undefined) return []
    const unknown = unknownPlaceholders(text)
    return unknown.length === 0 ? [] : [{
      field,
      code: 'unknown_placeholders',
      message: `Unknown placeholders: ${unknown.map((name) => `[${name}]`).join(', ')}`,
    }]
  })
  if (errors.length === 0) return
  throw new UnprocessableContent('unknown_placeholders', 'The template uses placeholders nothing fills', {
    detail: errors.map((e) => `${e.field}: ${e.message}`).join('; '),
    errors,
  })
}

function taken(profession: string, language: string): Conflict {
  return new Conflict(
    'template_exists',
    `A template for ${profession} in ${language} already exists; edit it`,
  )
}

async function exists(tx: Tx, profession: string, language: string, except?: string): Promise<boolean> {
  const rows = await tx`
    select 1 from public.prompt_templates
    where profession = ${profession} and language = ${language} and id is distinct from ${
    except ?? null
  }::uuid`
  return rows.length > 0
}

export async function createTemplate(caller: AdminCaller, body: Created): Promise<PromptTemplate> {
  const { tx, claims } = caller
  refuseUnknownPlaceholders({ body: body.body, first_message: body.first_message })
  if (await exists(tx, body.profession, body.language)) throw taken(body.profession, body.language)
  const [row] = await tx<TemplateRow[]>`
    insert into public.prompt_templates (profession, language, name, first_message, body, updated_by)
    values (${body.profession}, ${body.language}, ${body.name}, ${body.first_message}, ${body.body}, ${claims.sub})
    returning ${tx(COLUMNS)}`
  auditPlatform(caller, 'admin.template.created', `prompt_template:${row.id}`, {
    profession: row.profession,
    language: row.language,
  })
  return toTemplate(row)
}

async function findTemplate(tx: Tx, id: string): Promise<TemplateRow> {
  const [row] = await tx<TemplateRow[]>`select ${tx(COLUMNS)} from public.prompt_templates where id = ${id}`
  if (!row) throw new NotFound('template_not_found', 'No such template')
  return row
}

export async function updateTemplate(
  caller: AdminCaller,
  id: string,
  body: Updated,
): Promise<PromptTemplate> {
  const { tx, claims } = caller
  const current = await findTemplate(tx, id)
  refuseUnknownPlaceholders({ body: body.body, first_message: body.first_message })
  const changes = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) as Partial<
    Pick<TemplateRow, 'profession' | 'language' | 'name' | 'first_message' | 'body'>
  >
  const profession = changes.profession ?? current.profession
  const language = changes.language ?? current.language
  const moved = profession !== current.profession || language !== current.language
  if (moved && isProtectedTemplate(current.profession, current.language)) {
    throw new Conflict(
      'default_template_protected',
      `The default ${current.language} template serves every profession without its own: it keeps its ` +
        'profession and language',
    )
  }
  if (moved && await exists(tx, profession, language, id)) throw taken(profession, language)
  const fields = Object.keys(changes) as (keyof typeof changes)[]
  if (fields.length === 0) return toTemplate(current)
  const [row] = await tx<TemplateRow[]>`
    update public.prompt_templates set ${tx(changes, fields)}, updated_by = ${claims.sub} where id = ${id}
    returning ${tx(COLUMNS)}`
  auditPlatform(caller, 'admin.template.updated', `prompt_template:${id}`, { fields: fields.join(',') })
  return toTemplate(row)
}

export async function deleteTemplate(caller: AdminCaller, id: string): Promise<void> {
  const current = await findTemplate(caller.tx, id)
  if (isProtectedTemplate(current.profession, current.language)) {
    throw new Conflict(
      'default_template_protected',
      `The default ${current.language} template serves every profession without its own: it cannot be deleted`,
    )
  }
  await caller.tx`delete from public.prompt_templates where id = ${id}`
  auditPlatform(caller, 'admin.template.deleted', `prompt_template:${id}`, {
    profession: current.profession,
    language: current.language,
  })
}

/**
 * A template (saved or being typed) rendered with a tenant's profile, the user name being the tenant owner's
 * full name. The profile is read through private.admin_tenant_profile: the admin need not be a member.
 */
export async function previewTemplate(tx: Tx, input: Preview): Promise<TemplatePreview> {
  const [row] = await tx<(Omit<TemplateProfile, 'language'> & { language: string })[]>`
    select business_name, profession, language, country, timezone, owner_phone, user_name
    from private.admin_tenant_profile(${input.tenant_id})`
  if (!row) throw new NotFound('tenant_not_found', 'No such tenant')
  const profile: TemplateProfile = { ...row, language: row.language as Language }
  const body = renderTemplate(input.body, profile)
  const first = renderTemplate(input.first_message ?? '', profile)
  return {
    text: body.text,
    first_message: first.text,
    unknown: [...new Set([...body.unknown, ...first.unknown])],
    missing: [...new Set([...body.missing, ...first.missing])],
  }
}
