/**
 * "Start from my profession" and placeholders: the platform template filled from the tenant profile (for the
 * preview and for `from_template`), and the check that no [PLACEHOLDER] ever reaches Vapi — a known one is
 * filled from the profile, an unknown one (or one the profile has no value for) is refused, naming it.
 */
import type { RenderedTemplate } from '../../../shared/contracts/assistants.ts'
import type { Language } from '../../../shared/languages.ts'
import type { Claims } from '../_shared/auth.ts'
import type { Tx } from '../_shared/db.ts'
import { NotFound, UnprocessableContent } from '../_shared/errors.ts'
import {
  renderTemplate,
  templateFor,
  type TemplateProfile,
  tenantProfile,
  userName,
} from '../_shared/prompt-template.ts'

export async function profileOf(tx: Tx, tenant: string, claims: Claims): Promise<TemplateProfile> {
  const profile = await tenantProfile(tx, tenant, userName(claims as Parameters<typeof userName>[0]))
  if (!profile) throw new NotFound('tenant_not_found', 'No such tenant')
  return profile
}

/** The template for the tenant's profession in `language`, filled; 404 `template_not_found` without one. */
export async function renderedTemplate(
  tx: Tx,
  profile: TemplateProfile,
  language: Language,
): Promise<RenderedTemplate> {
  const template = await templateFor(tx, profile.profession, language)
  if (!template) {
    throw new NotFound(
      'template_not_found',
      `No prompt template for the profession "${profile.profession}" in "${language}"`,
    )
  }
  const filled = { ...profile, language }
  const body = renderTemplate(template.body, filled)
  const first = renderTemplate(template.first_message, filled)
  return {
    template_id: template.id,
    name: template.name,
    language,
    first_message: first.text,
    system_prompt: body.text,
    unknown_placeholders: [...new Set([...body.unknown, ...first.unknown])],
    missing_placeholders: [...new Set([...body.missing, ...first.missing])],
  }
}

/** `text` with every known placeholder filled; 422 naming `field` when one cannot be. */
export function fillPlaceholders(text: string, profile: TemplateProfile, field: string): string {
  const rendered = renderTemplate(text, profile)
  if (rendered.unknown.length) {
    const names = rendered.unknown.map((n) => `[${n}]`).join(', ')
    throw new UnprocessableContent('unknown_placeholder', 'Unknown placeholder', {
      detail: `${names} cannot be filled from the tenant profile; remove or replace it`,
      errors: [{ field, message: `Unknown placeholder ${names}`, code: 'unknown_placeholder' }],
    })
  }
  if (rendered.missing.length) {
    const names = rendered.missing.map((n) => `[${n}]`).join(', ')
    throw new UnprocessableContent('missing_placeholder', 'Placeholder without a value', {
      detail: `The tenant profile has no value for ${names} yet: complete it, or edit the text`,
      errors: [{ field, message: `No value for ${names}`, code: 'missing_placeholder' }],
    })
  }
  return rendered.text
}
