/**
 * Where providers send a tenant's events: the `webhooks` function, one path per provider and tenant. Built
 * here only, so the settings page and the function that answers agree.
 *
 * Vapi's server messages (https://docs.vapi.ai/server-url/events) arrive as `POST /vapi/<tenant id>` with
 * `{ message }`. The schemas below name only the fields the function reads; everything else is kept as sent
 * (and stored, redacted, with the event).
 */
import { z } from 'zod'
import { defineContract } from './route.ts'

export const WEBHOOKS_FUNCTION = 'webhooks'

export type WebhookProvider = 'vapi'

/** `${SUPABASE_URL}/functions/v1/webhooks/<provider>/<tenant id>`. */
export function webhookUrl(supabaseUrl: string, provider: WebhookProvider, tenantId: string): string {
  return `${supabaseUrl.replace(/\/+$/, '')}/functions/v1/${WEBHOOKS_FUNCTION}/${provider}/${
    encodeURIComponent(tenantId)
  }`
}

/**
 * Vapi's messages are far larger than a form: a report repeats the conversation (and the system prompt) in
 * several shapes. This is the webhook's body limit instead of the API's 64 KiB.
 */
const VAPI_WEBHOOK_MAX_BYTES = 4 * 1024 * 1024

const VapiId = z.string().min(1).max(200)
const Instant = z.iso.datetime({ offset: true })
const PhoneText = z.string().max(64)
const Metadata = z.record(z.string(), z.unknown())

/** The parts of Vapi's Call the webhook reads (the same object `GET /call/:id` answers). */
export const VapiCall = z.looseObject({
  id: VapiId,
  type: z.string().max(100).nullish().describe(
    'inboundPhoneCall, outboundPhoneCall, webCall, vapi.websocketCall',
  ),
  status: z.string().max(100).nullish(),
  assistantId: VapiId.nullish(),
  squadId: VapiId.nullish(),
  phoneNumberId: VapiId.nullish(),
  customer: z.looseObject({ number: PhoneText.nullish() }).nullish(),
  assistantOverrides: z.looseObject({ metadata: Metadata.nullish() }).nullish(),
  assistant: z.looseObject({ metadata: Metadata.nullish() }).nullish(),
  createdAt: Instant.nullish(),
  startedAt: Instant.nullish(),
  endedAt: Instant.nullish(),
  endedReason: z.string().max(200).nullish(),
  cost: z.number().min(0).nullish(),
  costs: z.array(z.unknown()).nullish(),
  artifact: z.looseObject({}).nullish(),
  analysis: z.looseObject({}).nullish(),
})
export type VapiCall = z.infer<typeof VapiCall>

/** One server message: its `type` and the fields of the types the webhook acts on. */
export const VapiServerMessage = z.looseObject({
  type: z.string().trim().min(1).max(100).describe(
    'status-update, transcript, conversation-update, speech-update, end-of-call-report, assistant-request; ' +
      'any other type is stored and acknowledged',
  ),
  timestamp: z.number().finite().nullish().describe('Epoch milliseconds'),
  call: VapiCall.nullish(),
  phoneNumber: z.looseObject({ id: VapiId.nullish(), number: PhoneText.nullish() }).nullish(),
  customer: z.looseObject({ number: PhoneText.nullish() }).nullish(),
  assistant: z.looseObject({ id: VapiId.nullish(), metadata: Metadata.nullish() }).nullish(),
  status: z.string().max(100).nullish().describe(
    'status-update: the call status; speech-update: started/stopped',
  ),
  role: z.string().max(50).nullish(),
  transcriptType: z.string().max(50).nullish(),
  transcript: z.string().nullish(),
  messages: z.array(z.unknown()).nullish(),
  endedReason: z.string().max(200).nullish(),
  startedAt: Instant.nullish(),
  endedAt: Instant.nullish(),
  cost: z.number().min(0).nullish(),
  costs: z.array(z.unknown()).nullish(),
  artifact: z.looseObject({}).nullish(),
  analysis: z.looseObject({}).nullish(),
})
export type VapiServerMessage = z.infer<typeof VapiServerMessage>

export const VapiWebhookBody = z.looseObject({ message: VapiServerMessage })
export type VapiWebhookBody = z.infer<typeof VapiWebhookBody>

/** `{}` for every message but `assistant-request`, which gets exactly one of the three (unwrapped). */
export const VapiWebhookResponse = z.object({
  assistantId: z.string().optional().describe('The Vapi assistant that answers the number'),
  squadId: z.string().optional().describe('The Vapi squad (a workflow) that answers the number'),
  error: z.string().optional().describe('Spoken to the caller when nothing answers the number'),
})
export type VapiWebhookResponse = z.infer<typeof VapiWebhookResponse>

/** The `webhooks` function: events from providers, authenticated by the provider, not by a user token. */
export const webhooksContract = defineContract({
  name: WEBHOOKS_FUNCTION,
  summary: "Providers' events: Vapi's server messages, recorded as the tenant's calls",
  routes: {
    vapi: {
      method: 'POST',
      path: '/vapi/:tenantId',
      summary: "Receive one of Vapi's server messages for a tenant",
      description: "Authenticated with the tenant's webhook secret (`x-vapi-secret`), or, once the tenant " +
        'saved an HMAC credential, by `x-signature` (hex HMAC-SHA256 of `{x-timestamp}.{raw body}`, the ' +
        'timestamp within 5 minutes). The assistant, squad or number named by the call must be the ' +
        "tenant's. Each message is stored once (a redelivery is a no-op) with its effect on the call, in " +
        'one transaction; `assistant-request` is answered with the assistant or squad of the number. ' +
        'Unknown message types are stored and acknowledged.',
      access: 'provider-signed',
      params: z.object({ tenantId: z.string().describe('The tenant (uuid) the resources were set up for') }),
      body: VapiWebhookBody,
      response: VapiWebhookResponse,
      maxBodyBytes: VAPI_WEBHOOK_MAX_BYTES,
      problems: [
        {
          status: 401,
          code: 'webhook_unauthorized',
          description: 'The secret or signature is missing, wrong or stale, or the tenant does not exist',
        },
        {
          status: 403,
          code: 'webhook_wrong_tenant',
          description: "The call's assistant, squad or number is not this tenant's; nothing is stored",
        },
        {
          status: 413,
          code: 'payload_too_large',
          description: `The body is larger than ${VAPI_WEBHOOK_MAX_BYTES} bytes`,
        },
        {
          status: 503,
          code: 'storage_unavailable',
          description: 'The database could not be reached; nothing was stored: retry (Vapi does, with ' +
            'the backoff plan of the server block)',
        },
      ],
    },
  },
})
