/**
 * Who may join a channel, decided as Supabase Realtime decides it: the access token must verify and carry
 * `role` and `exp`; a private channel also needs the RLS policies on `realtime.messages` to let that token
 * SELECT a `broadcast` row of the channel's topic. Refusals carry Realtime's own `<Code>: <message>` reasons,
 * which realtime-js hands to `subscribe()`'s callback as the CHANNEL_ERROR's message.
 */
import { errors, type JWTPayload } from 'jose'
import postgres from 'postgres'

export type VerifyJwt = (token: string) => Promise<JWTPayload>

export interface Claims extends JWTPayload {
  role: string
  exp: number
}

/** A join or token update refused, with the reason the client is told. */
export class Refusal extends Error {}

// The roles a Supabase token may carry; anything else would let a token pick an arbitrary database role.
const API_ROLES = new Set(['anon', 'authenticated', 'service_role'])
const ROLLBACK = Symbol('rollback')

export async function verifyToken(verifyJwt: VerifyJwt, token: string): Promise<Claims> {
  let claims: JWTPayload
  try {
    claims = await verifyJwt(token)
  } catch (error) {
    if (error instanceof errors.JWTExpired) {
      const ago = Math.max(0, Math.floor(Date.now() / 1000) - Number(error.payload.exp))
      throw new Refusal(`InvalidJWTToken: Token has expired ${ago} seconds ago`)
    }
    if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) {
      throw new Refusal('MalformedJWT: The token provided is not a valid JWT')
    }
    throw new Refusal('JwtSignatureError: Failed to validate JWT signature')
  }
  if (typeof claims.role !== 'string' || typeof claims.exp !== 'number') {
    throw new Refusal('InvalidJWTToken: Fields `role` and `exp` are required in JWT')
  }
  return claims as Claims
}

/**
 * Whether the policies let `claims` read the private channel `topic`: in one transaction that is rolled back,
 * a probe row is inserted as the table owner, then, as the token's role with its claims and the topic set
 * (transaction-local, as the functions' db.asUser does), the probe must be visible. The probe takes a random
 * negative id rather than one from the identity, so probes leave no gaps among the ids the feed follows.
 * A policy that fails counts as a refusal, as on Supabase; the error is logged.
 */
export async function canRead(
  sql: postgres.Sql,
  topic: string,
  claims: Claims,
  log: (line: string) => void,
): Promise<boolean> {
  if (!API_ROLES.has(claims.role)) return false
  let visible = false
  try {
    await sql.begin(async (tx) => {
      const [probe] = await tx<{ id: string }[]>`
        insert into realtime.messages (id, topic, extension) overriding system value
        values (-1 - floor(random() * 9e15)::bigint, ${topic}, 'broadcast')
        returning id`
      await tx`
        select set_config('role', ${claims.role}, true),
          set_config('request.jwt.claims', ${JSON.stringify(claims)}, true),
          set_config('realtime.topic', ${topic}, true)`
      const seen = await tx`
        select 1 from realtime.messages where id = ${probe.id} and topic = ${topic} and extension = 'broadcast'`
      visible = seen.length === 1
      throw ROLLBACK
    })
  } catch (error) {
    if (error instanceof postgres.PostgresError) {
      log(`realtime: a policy on realtime.messages failed for topic ${topic}: ${error.message}`)
      return false
    }
    if (error !== ROLLBACK) {
      throw new Refusal('UnableToConnectToProject: Realtime was unable to connect to the project database')
    }
  }
  return visible
}
