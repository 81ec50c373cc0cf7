/**
 * `/credential`: webhook credentials (`provider: "webhook"` with a bearer, hmac or oauth2
 * `authenticationPlan`, Vapi's CreateWebhookCredentialDTO), so that a `server.credentialId` can sign the
 * server messages of a played call. Vapi's public contract has no `/credential` path (its dashboard creates
 * them); the sandbox offers one so tests can register a credential. Secrets are never sent back.
 */
import { Hono } from 'hono'
import type { Credential, Env, Org } from './orgs.ts'
import { notFound } from './errors.ts'
import { listed, timestamp, validJson } from './http.ts'

export const credentials = new Hono<Env>()

const SECRETS = ['secretKey', 'token', 'clientSecret']

/** A credential as answered: the plan without its secret. */
export function publicCredential(credential: Credential): Record<string, unknown> {
  const plan = Object.fromEntries(
    Object.entries(credential.authenticationPlan).filter(([key]) => !SECRETS.includes(key)),
  )
  return { ...credential, authenticationPlan: plan }
}

/** The message for a `server.credentialId` that is not a credential of the organisation. */
export function credentialProblem(org: Org, server: unknown, field = 'server'): string | undefined {
  const id = (server as { credentialId?: unknown } | undefined)?.credentialId
  if (typeof id === 'string' && !org.credentials.has(id)) {
    return `${field}.credentialId: Couldn't Find Credential. \`credential\` ${id} Not Found.`
  }
  return undefined
}

credentials.post('/', async (c) => {
  const org = c.get('org')
  const body = await validJson<Pick<Credential, 'provider' | 'authenticationPlan' | 'name'>>(c, {
    schema: 'CreateWebhookCredentialDTO',
  })
  if (body instanceof Response) return body
  const now = timestamp()
  const credential: Credential = {
    ...body,
    id: crypto.randomUUID(),
    orgId: org.id,
    createdAt: now,
    updatedAt: now,
  }
  org.credentials.set(credential.id, credential)
  return c.json(publicCredential(credential), 201)
})

credentials.get('/', (c) => listed(c, c.get('org').credentials.values(), { map: publicCredential }))

credentials.get('/:id', (c) => {
  const credential = c.get('org').credentials.get(c.req.param('id'))
  return credential ? c.json(publicCredential(credential)) : notFound('Get', 'Credential', 'credential')
})

credentials.delete('/:id', (c) => {
  const org = c.get('org')
  const credential = org.credentials.get(c.req.param('id'))
  if (!credential) return notFound('Delete', 'Credential', 'credential')
  org.credentials.delete(credential.id)
  return c.json(publicCredential(credential))
})
