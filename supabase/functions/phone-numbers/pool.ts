/**
 * The platform's pool of virtual numbers: which country a tenant draws from (its owner's phone, else its own
 * country), what is available there, claiming and releasing a number, and the platform's Twilio account the
 * pool's numbers are connected with in the tenant's Vapi organisation (POOL_TWILIO_ACCOUNT_SID /
 * POOL_TWILIO_AUTH_TOKEN: optional, a 503 `pool_unavailable` when missing).
 */
import { z } from 'zod'
import type { PoolCountrySource } from '../../../shared/contracts/phone-numbers.ts'
import { asServiceWithin, type Tx } from '../_shared/db.ts'
import { type EnvSource, readEnv } from '../_shared/env.ts'
import { AppError, Conflict } from '../_shared/errors.ts'
import { phoneCountry } from '../_shared/phone.ts'

const PoolEnvSchema = z.object({
  POOL_TWILIO_ACCOUNT_SID: z.string().trim().min(1).optional(),
  POOL_TWILIO_AUTH_TOKEN: z.string().trim().min(1).optional(),
})
export type PoolEnv = z.output<typeof PoolEnvSchema>

export function loadPoolEnv(source?: EnvSource): PoolEnv {
  return readEnv(PoolEnvSchema, source)
}

export interface PoolTwilio {
  accountSid: string
  authToken: string
}

/** The platform's Twilio credentials; 503 `pool_unavailable` when this deployment has none. */
export function poolTwilio(env: PoolEnv): PoolTwilio {
  if (!env.POOL_TWILIO_ACCOUNT_SID || !env.POOL_TWILIO_AUTH_TOKEN) {
    throw new AppError(503, 'pool_unavailable', 'The number pool is unavailable', {
      detail: 'This platform has no pool of virtual numbers configured; get a free Vapi number or import ' +
        'a Twilio number instead',
    })
  }
  return { accountSid: env.POOL_TWILIO_ACCOUNT_SID, authToken: env.POOL_TWILIO_AUTH_TOKEN }
}

export interface PoolCountry {
  country: string
  source: PoolCountrySource
}

/** The country a tenant's pool numbers come from: its owner's phone, else the tenant's own country. */
export async function poolCountry(tx: Tx, tenant: string): Promise<PoolCountry> {
  const [row] = await tx<{ country: string; owner_phone: string | null }[]>`
    select country, owner_phone from public.tenants where id = ${tenant}`
  const fromPhone = row.owner_phone ? phoneCountry(row.owner_phone) : null
  return fromPhone
    ? { country: fromPhone, source: 'owner_phone' }
    : { country: row.country, source: 'tenant_country' }
}

/**
 * How many free numbers the pool holds for a country, and the first few in claim order. Tenants cannot see
 * free numbers (RLS), so this reads as the service role, filtering on the country only.
 */
export async function poolAvailability(
  tx: Tx,
  country: string,
  shown = 5,
): Promise<{ available: number; numbers: string[] }> {
  const rows = await asServiceWithin(tx, (tx) =>
    tx<{ number: string; available: number }[]>`
      select number, (count(*) over ())::int as available from public.virtual_numbers
      where tenant_id is null and country = ${country}
      order by created_at, id
      limit ${shown}`)
  return { available: rows[0]?.available ?? 0, numbers: rows.map((r) => r.number) }
}

export interface ClaimedNumber {
  id: string
  number: string
  provider: string
}

/**
 * Takes the next free number of the country for the tenant, in the caller's transaction: when anything after
 * fails (Vapi refuses it), the claim is rolled back with the rest. 409 `no_number_available` when none is left.
 */
export async function claimPoolNumber(tx: Tx, tenant: string, country: string): Promise<ClaimedNumber> {
  const [claimed] = await tx<{ id: string | null; number: string; provider: string }[]>`
    select id, number, provider from public.claim_virtual_number(${tenant}, ${country})`
  if (!claimed?.id) throw new Conflict('no_number_available', `No number available for country ${country}`)
  return { id: claimed.id, number: claimed.number, provider: claimed.provider }
}

/** Gives a number back to the pool (after the tenant's row holding it is deleted). */
export async function releasePoolNumber(tx: Tx, virtualNumberId: string): Promise<void> {
  await tx`select public.release_virtual_number(${virtualNumberId})`
}
