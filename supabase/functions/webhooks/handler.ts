/**
 * Providers' events. Vapi's server messages for a tenant: authenticated before the body is even parsed
 * (authenticate.ts), checked to be about the tenant's own resources (routing.ts), then stored with their
 * effect on the call in one transaction (messages.ts, _shared/call-records.ts) and answered only once that
 * is committed (durable.ts). `assistant-request` is answered from our tables: what answers the number.
 */
import { type VapiServerMessage, webhooksContract } from '../../../shared/contracts/webhooks.ts'
import { AppError } from '../_shared/errors.ts'
import { defineFunction } from '../_shared/function.ts'
import { authenticate, countRejection, tenantParam, WebhookUnauthorized } from './authenticate.ts'
import { durably } from './durable.ts'
import { applyMessage } from './messages.ts'
import { assistantFor, routeMessage } from './routing.ts'

export default defineFunction({
  contract: webhooksContract,
  operations: {
    vapi: async ({ deps, input, request, rawBody, body }) => {
      const tenant = tenantParam(input.params.tenantId)
      if (tenant === null) throw new WebhookUnauthorized()
      const receivedAt = deps.clock.now()
      // One transaction: the credentials are read, the body parsed only once they match, then stored.
      const outcome = await durably(deps.log, () =>
        deps.db.asService(async (tx) => {
          const auth = await authenticate(tx, deps, tenant, request.headers, rawBody)
          if (!auth.ok) return auth
          const { message } = parsed(body)
          const route = await routeMessage(tx, tenant, message)
          await applyMessage(tx, tenant, message, route, receivedAt)
          // A redelivered assistant-request gets the same answer: Vapi is still waiting for one.
          return {
            ok: true as const,
            answer: message.type === 'assistant-request' ? assistantFor(route.number, auth.language) : {},
          }
        }))
      if (outcome.ok) return outcome.answer
      if (outcome.reason !== null) await countRejection(deps, tenant, outcome.reason)
      throw new WebhookUnauthorized()
    },
  },
})

/** The body, once authenticated; a body that is not JSON is a 400 naming `body`. */
function parsed(body: () => { message: VapiServerMessage }): { message: VapiServerMessage } {
  try {
    return body()
  } catch (error) {
    if (!(error instanceof AppError) || error.errors) throw error
    throw new AppError(error.status, error.code, error.title, {
      detail: error.detail,
      errors: [{ field: 'body', message: error.detail ?? error.title, code: error.code }],
    })
  }
}
