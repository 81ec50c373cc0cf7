/**
 * The scheduler's proof: `Authorization: Bearer <JOBS_SECRET>`. Compared in constant time (the SHA-256 of
 * both, so the lengths never differ either), and never logged.
 */
import { AppError } from '../_shared/errors.ts'

export class JobsUnauthorized extends AppError {
  constructor() {
    super(401, 'jobs_unauthorized', 'Authentication required', {
      detail: 'Send the jobs secret as `Authorization: Bearer <JOBS_SECRET>`',
      headers: { 'www-authenticate': 'Bearer' },
    })
  }
}

export async function requireJobsSecret(authorization: string | null, secret: string): Promise<void> {
  const sent = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1] ?? ''
  if (!(await sameSecret(sent, secret))) throw new JobsUnauthorized()
}

async function sameSecret(a: string, b: string): Promise<boolean> {
  const digest = (value: string) => crypto.subtle.digest('SHA-256', new TextEncoder().encode(value))
  const [x, y] = (await Promise.all([digest(a), digest(b)])).map((d) => new Uint8Array(d))
  let difference = 0
  for (let i = 0; i < x.length; i++) difference |= x[i] ^ y[i]
  return difference === 0 && a.length > 0
}
