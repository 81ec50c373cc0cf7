/**
 * Whose call a message is about, checked against our tables and not only the path: the call's assistant
 * (`assistants.vapi_id`), squad (`workflows.vapi_id`) and number (`phone_numbers.vapi_id`), and the
 * `metadata.tenant_id` we put on every assistant we create (`tenantMetadata`), echoed on the message's
 * assistant or the call's overrides. One of them must be this tenant's and none another tenant's: a
 * resource set up for one tenant can then never write into another's calls, whatever URL it was given.
 *
 * The same statement reads what answers the number, for `assistant-request`. As the service role: the
 * other tenants' rows are looked at only to refuse.
 */
import type { VapiServerMessage } from '../../../shared/contracts/webhooks.ts'
import type { CallRefs } from '../_shared/call-records.ts'
import type { Tx } from '../_shared/db.ts'
import { AppError } from '../_shared/errors.ts'

class WebhookWrongTenant extends AppError {
  constructor() {
    super(403, 'webhook_wrong_tenant', "The call is not this tenant's", {
      detail: "The call's assistant, squad or phone number belongs to no resource of this tenant",
    })
  }
}

/** What answers one of our numbers: its assistant (when active), else its workflow's squad. */
export interface NumberAnswer {
  assistantVapiId: string | null
  assistantActive: boolean
  squadVapiId: string | null
}

export interface Route {
  refs: CallRefs
  /** Set when the message names one of this tenant's numbers. */
  number: NumberAnswer | null
}

type Kind = 'assistant' | 'workflow' | 'phone_number'

interface Match {
  kind: Kind
  ours: boolean
  id: string
  number: string | null
  assistant_vapi_id: string | null
  assistant_active: boolean | null
  squad_vapi_id: string | null
}

/** The tenant's rows for the call, or 403 `webhook_wrong_tenant`. */
export async function routeMessage(tx: Tx, tenant: string, message: VapiServerMessage): Promise<Route> {
  const call = message.call
  const phoneNumberId = call?.phoneNumberId ?? message.phoneNumber?.id ?? null
  const matches = await tx<Match[]>`
    select 'assistant' as kind, a.tenant_id = ${tenant} as ours, a.id, null::text as number,
      null::text as assistant_vapi_id, null::boolean as assistant_active, null::text as squad_vapi_id
    from public.assistants a where a.vapi_id = ${call?.assistantId ?? null}
    union all
    select 'workflow', w.tenant_id = ${tenant}, w.id, null, null, null, null
    from public.workflows w where w.vapi_id = ${call?.squadId ?? null}
    union all
    select 'phone_number', p.tenant_id = ${tenant}, p.id, p.number, a.vapi_id, a.active, w.vapi_id
    from public.phone_numbers p
    left join public.assistants a on a.id = p.assistant_id
    left join public.workflows w on w.id = p.workflow_id
    where p.vapi_id = ${phoneNumberId}`

  // An id several tenants hold (two imports from one Vapi organisation) is this tenant's when it has it.
  const mine = (kind: Kind) => matches.find((m) => m.kind === kind && m.ours)
  const theirs = (kind: Kind) => !mine(kind) && matches.some((m) => m.kind === kind && !m.ours)
  const claimed = [
    message.assistant?.metadata?.tenant_id,
    call?.assistantOverrides?.metadata?.tenant_id,
    call?.assistant?.metadata?.tenant_id,
  ].filter((value): value is string => typeof value === 'string').map((value) => value.toLowerCase())

  const kinds: Kind[] = ['assistant', 'workflow', 'phone_number']
  const foreign = kinds.some(theirs) || claimed.some((value) => value !== tenant)
  const ours = kinds.some((kind) => mine(kind) !== undefined) || claimed.includes(tenant)
  if (foreign || !ours) throw new WebhookWrongTenant()

  const number = mine('phone_number')
  return {
    refs: {
      assistantId: mine('assistant')?.id ?? null,
      workflowId: mine('workflow')?.id ?? null,
      phoneNumberId: number?.id ?? null,
      number: number?.number ?? null,
    },
    number: number
      ? {
        assistantVapiId: number.assistant_vapi_id,
        assistantActive: number.assistant_active === true,
        squadVapiId: number.squad_vapi_id,
      }
      : null,
  }
}

const UNAVAILABLE: Record<string, string> = {
  en: 'Sorry, this line is not available at the moment. Please call again later. Goodbye.',
  fr: "Désolé, cette ligne n'est pas disponible pour le moment. Merci de rappeler plus tard. Au revoir.",
}

/**
 * The answer to `assistant-request`, from our tables only (Vapi waits 7.5 s at most): the number's active
 * assistant, else its workflow's squad — what `routeNumbers` pushes to Vapi — else a sentence spoken to the
 * caller in the tenant's language.
 */
export function assistantFor(
  number: NumberAnswer | null,
  language: string,
): { assistantId: string } | { squadId: string } | { error: string } {
  if (number?.assistantVapiId && number.assistantActive) return { assistantId: number.assistantVapiId }
  if (number?.squadVapiId) return { squadId: number.squadVapiId }
  return { error: UNAVAILABLE[language] ?? UNAVAILABLE.en }
}
