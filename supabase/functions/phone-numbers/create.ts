/**
 * Getting a number, three ways, each created in the tenant's own Vapi organisation first and then written to
 * phone_numbers in the same request (createThenPersist): a free Vapi number in a US area code, the tenant's
 * own Twilio number (its auth token sealed as the tenant's `twilio` credential, never returned), or the next
 * virtual number of the pool for the tenant's country (connected with the platform's Twilio account).
 */
import type { Vapi, VapiClient } from '@vapi-ai/server-sdk'
import type { CreatePhoneNumberBody } from '../../../shared/contracts/phone-numbers.ts'
import { audit } from '../_shared/audit.ts'
import { storeCredential } from '../_shared/credentials.ts'
import { AppError } from '../_shared/errors.ts'
import {
  createThenPersist,
  fallbackTo,
  payloadHash,
  serverConfig,
  storedPayload,
  tenantVapi,
  vapiCall,
} from '../_shared/voice.ts'
import { findNumber, type NumberRow } from './numbers.ts'
import type { NumbersCaller } from './caller.ts'
import { claimPoolNumber, poolCountry, poolTwilio } from './pool.ts'

/** What a created number is stored with besides Vapi's answer. */
interface Origin {
  source: CreatePhoneNumberBody['source']
  virtualNumberId?: string
}

export async function createNumber(caller: NumbersCaller, body: CreatePhoneNumberBody): Promise<NumberRow> {
  const vapi = await tenantVapi(caller)
  const common = await commonFields(caller, body.name)
  switch (body.source) {
    case 'vapi':
      return await persisted(caller, vapi, { source: 'vapi' }, {
        ...common,
        provider: 'vapi',
        numberDesiredAreaCode: body.area_code,
      })
    case 'twilio':
      return await persisted(caller, vapi, { source: 'twilio' }, {
        ...common,
        provider: 'twilio',
        number: body.number,
        twilioAccountSid: body.twilio_account_sid,
        twilioAuthToken: body.twilio_auth_token,
      }, async () => {
        await storeCredential(caller.tx, caller.deps.secrets, {
          tenant: caller.tenant,
          actor: caller.claims.sub,
          provider: 'twilio',
          secret: JSON.stringify({
            account_sid: body.twilio_account_sid,
            auth_token: body.twilio_auth_token,
          }),
          preview: `${body.twilio_account_sid.slice(0, 2)}…${body.twilio_account_sid.slice(-4)}`,
          action: 'phone_numbers.twilio_credential.saved',
        })
      })
    case 'pool': {
      const twilio = poolTwilio(caller.deps.pool)
      const { country } = await poolCountry(caller.tx, caller.tenant)
      const claimed = await claimPoolNumber(caller.tx, caller.tenant, country)
      if (claimed.provider !== 'twilio') {
        throw new AppError(503, 'pool_unavailable', 'The number pool is unavailable', {
          detail: `The pool's ${claimed.provider} numbers cannot be connected yet`,
        })
      }
      return await persisted(caller, vapi, { source: 'pool', virtualNumberId: claimed.id }, {
        ...common,
        provider: 'twilio',
        number: claimed.number,
        twilioAccountSid: twilio.accountSid,
        twilioAuthToken: twilio.authToken,
      })
    }
  }
}

/** What every number we create carries: its name, our webhook, and the owner's phone as fallback. */
async function commonFields(caller: NumbersCaller, name: string | undefined) {
  const [{ owner_phone }] = await caller.tx<{ owner_phone: string | null }[]>`
    select owner_phone from public.tenants where id = ${caller.tenant}`
  return {
    ...(name ? { name } : {}),
    server: await serverConfig(caller),
    ...fallbackTo(owner_phone),
  }
}

/** Vapi first; then our row, the extra writes and the audit entry; the Vapi number is deleted if they fail. */
function persisted(
  caller: NumbersCaller,
  vapi: VapiClient,
  origin: Origin,
  request: Vapi.CreatePhoneNumbersRequest,
  extra?: () => Promise<void>,
): Promise<NumberRow> {
  const { tx, tenant, claims } = caller
  return createThenPersist(
    caller.deps,
    () => vapiCall('create the phone number', () => vapi.phoneNumbers.create(request)),
    async (created) => {
      const payload = created as unknown as Record<string, unknown>
      const number = typeof payload.number === 'string' ? payload.number : null
      if (!number) {
        throw new AppError(502, 'vapi_error', 'Vapi answered unexpectedly', {
          detail: 'Vapi created the number without telling which it is; nothing was saved. Try again.',
        })
      }
      const [{ id }] = await tx<{ id: string }[]>`
        insert into public.phone_numbers (tenant_id, vapi_id, number, name, source, status, virtual_number_id,
          vapi_payload, vapi_hash, created_by)
        values (${tenant}, ${created.id}, ${number}, ${request.name ?? null}, ${origin.source},
          ${String(payload.status ?? 'active')}, ${origin.virtualNumberId ?? null}, ${
        storedPayload(tx, payload)
      },
          ${await payloadHash(payload)}, ${claims.sub})
        returning id`
      await extra?.()
      await audit(tx, {
        tenantId: tenant,
        actor: claims.sub,
        action: 'phone_numbers.created',
        target: `phone_number:${id}`,
        details: { source: origin.source, number },
      })
      return await findNumber(tx, tenant, id)
    },
    (created) => vapi.phoneNumbers.delete({ id: created.id }),
  )
}
