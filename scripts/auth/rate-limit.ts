/**
 * GoTrue's IP rate limits, as supabase/config.toml's `[auth.rate_limit]` sets them for `supabase start`:
 * `sign_in_sign_ups` (GoTrue's RATE_LIMIT_OTP) guards sign-up and `PUT /user`, `token_refresh` guards
 * `POST /token` (password sign-in and refresh alike), each in requests per 5 minutes per IP address.
 */
import { parse as parseToml } from 'smol-toml'
import { AuthError } from './errors.ts'

export interface RateLimits {
  sign_in_sign_ups: number
  token_refresh: number
}

/** The Supabase CLI's defaults, for a config.toml without the section. */
const DEFAULTS: RateLimits = { sign_in_sign_ups: 30, token_refresh: 150 }

/** For the test stack: the suites sign up and sign in hundreds of users, all from 127.0.0.1. */
export const TEST_RATE_LIMITS: RateLimits = { sign_in_sign_ups: 1_000_000, token_refresh: 1_000_000 }

export async function readRateLimits(configFile: URL): Promise<RateLimits> {
  const config = parseToml(await Deno.readTextFile(configFile)) as {
    auth?: { rate_limit?: Partial<Record<keyof RateLimits, unknown>> }
  }
  const section = config.auth?.rate_limit ?? {}
  const limits = { ...DEFAULTS }
  for (const key of Object.keys(DEFAULTS) as (keyof RateLimits)[]) {
    const value = section[key]
    if (value === undefined) continue
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      throw new Error(`${configFile.pathname}: auth.rate_limit.${key} must be a positive integer`)
    }
    limits[key] = value
  }
  return limits
}

const WINDOW_SECONDS = 5 * 60

/**
 * A token bucket per IP, refilled at the configured rate as GoTrue's (tollbooth) is. GoTrue's buckets hold
 * 30 whatever the rate; this one holds the configured number, so a bucket never grants more than the limit
 * within any 5 minutes, as config.toml's comments promise, and a low limit applies from the first request.
 */
export class RateLimiter {
  readonly #capacity: number
  readonly #perMs: number
  readonly #buckets = new Map<string, { tokens: number; at: number }>()

  constructor(perFiveMinutes: number) {
    this.#capacity = perFiveMinutes
    this.#perMs = perFiveMinutes / (WINDOW_SECONDS * 1000)
  }

  /** Spends one request of this IP's allowance; a 429 in GoTrue's shape when none is left. */
  take(ip: string): void {
    const now = performance.now()
    const bucket = this.#buckets.get(ip) ?? { tokens: this.#capacity, at: now }
    bucket.tokens = Math.min(this.#capacity, bucket.tokens + (now - bucket.at) * this.#perMs)
    bucket.at = now
    if (bucket.tokens < 1) {
      this.#buckets.set(ip, bucket)
      throw new AuthError(429, 'over_request_rate_limit', 'Request rate limit reached')
    }
    bucket.tokens -= 1
    this.#buckets.set(ip, bucket)
    if (this.#buckets.size > 10_000) this.#forgetFull(now)
  }

  /** A full bucket is the same as none: forgetting them keeps the map to the IPs seen lately. */
  #forgetFull(now: number) {
    for (const [ip, bucket] of this.#buckets) {
      if (bucket.tokens + (now - bucket.at) * this.#perMs >= this.#capacity) this.#buckets.delete(ip)
    }
  }
}
