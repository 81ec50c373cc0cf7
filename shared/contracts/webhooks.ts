/**
 * Where providers send a tenant's events: the `webhooks` function, one path per provider and tenant. Built
 * here only, so the settings page and the function that answers agree.
 */
export const WEBHOOKS_FUNCTION = 'webhooks'

export type WebhookProvider = 'vapi'

/** `${SUPABASE_URL}/functions/v1/webhooks/<provider>/<tenant id>`. */
export function webhookUrl(supabaseUrl: string, provider: WebhookProvider, tenantId: string): string {
  return `${supabaseUrl.replace(/\/+$/, '')}/functions/v1/${WEBHOOKS_FUNCTION}/${provider}/${
    encodeURIComponent(tenantId)
  }`
}
