/**
 * A loopback stand-in for Expo's push API (https://exp.host), for the functions' push client
 * (supabase/functions/_shared/push.ts):
 *
 * - `POST /--/api/v2/push/send`: an array of messages (or one), gzip accepted; at most 100 recipients (400
 *   PUSH_TOO_MANY_NOTIFICATIONS); one ticket per recipient, in order. A token that is not
 *   `ExponentPushToken[…]`/`ExpoPushToken[…]`, or was unregistered, gets an error ticket with
 *   `details.error: 'DeviceNotRegistered'`; a message over 4096 bytes `MessageTooBig`.
 * - `POST /--/api/v2/push/getReceipts` with `{ ids }` (at most 1000, 400 PUSH_TOO_MANY_RECEIPTS): a receipt
 *   per known ticket, `DeviceNotRegistered` once its token has been unregistered.
 * - With `accessToken`, requests without that bearer token are refused (401), as with enhanced security.
 *
 * For tests: `GET /sandbox/messages?to=` lists what was sent, `POST /sandbox/unregister {"token"}` marks a
 * token as uninstalled, `POST /sandbox/fail-next {"count":1,"status":429}` fails the next API requests.
 */

export interface ExpoSandboxOptions {
  /** 0 or absent: a free port. */
  port?: number
  /** Require this EXPO_ACCESS_TOKEN. */
  accessToken?: string
}

export interface ExpoSandbox {
  url: string
  stop(): Promise<void>
}

export interface SentPushMessage {
  id: string
  to: string
  title?: string
  body?: string
  data?: Record<string, unknown>
  receivedAt: string
}

const TOKEN = /^Expo(?:nent)?PushToken\[[^\]]+\]$/
const MAX_MESSAGES = 100
const MAX_RECEIPTS = 1000
const MAX_PAYLOAD_BYTES = 4096

const apiError = (status: number, code: string, message: string) =>
  Response.json({ errors: [{ code, message }] }, { status })

export function startExpoSandbox(options: ExpoSandboxOptions = {}): Promise<ExpoSandbox> {
  const messages: SentPushMessage[] = []
  const ticketTokens = new Map<string, string>()
  const unregistered = new Set<string>()
  const failures = { count: 0, status: 503 }

  function ticket(message: Record<string, unknown>, to: string) {
    if (!TOKEN.test(to)) {
      return {
        status: 'error',
        message: `"${to}" is not a valid Expo push token`,
        details: { error: 'DeviceNotRegistered' },
      }
    }
    if (unregistered.has(to)) {
      return {
        status: 'error',
        message: `"${to}" is not a registered push notification recipient`,
        details: { error: 'DeviceNotRegistered', expoPushToken: to },
      }
    }
    const { title, body, data } = message as Pick<SentPushMessage, 'title' | 'body' | 'data'>
    if (new TextEncoder().encode(JSON.stringify({ title, body, data })).length > MAX_PAYLOAD_BYTES) {
      return { status: 'error', message: 'Message too big', details: { error: 'MessageTooBig' } }
    }
    const id = crypto.randomUUID()
    ticketTokens.set(id, to)
    messages.push({ id, to, title, body, data, receivedAt: new Date().toISOString() })
    return { status: 'ok', id }
  }

  function send(payload: unknown): Response {
    const single = !Array.isArray(payload)
    const list = (single ? [payload] : payload) as unknown[]
    const problem = list.map(invalid).find((p) => p !== null)
    if (problem) return apiError(400, 'VALIDATION_ERROR', problem)
    const recipients = (list as Record<string, unknown>[]).flatMap((m) =>
      (Array.isArray(m.to) ? m.to : [m.to]).map((to) => [m, to as string] as const)
    )
    if (recipients.length > MAX_MESSAGES) {
      return apiError(
        400,
        'PUSH_TOO_MANY_NOTIFICATIONS',
        `You are trying to send more than ${MAX_MESSAGES} push notifications in one request.`,
      )
    }
    const tickets = recipients.map(([m, to]) => ticket(m, to))
    return Response.json({ data: single && tickets.length === 1 ? tickets[0] : tickets })
  }

  function receipts(payload: unknown): Response {
    const ids = (payload as { ids?: unknown })?.ids
    if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) {
      return apiError(400, 'VALIDATION_ERROR', '"ids" must be an array of strings')
    }
    if (ids.length > MAX_RECEIPTS) {
      return apiError(
        400,
        'PUSH_TOO_MANY_RECEIPTS',
        `You are trying to get more than ${MAX_RECEIPTS} push receipts in one request.`,
      )
    }
    const data: Record<string, unknown> = {}
    for (const id of ids) {
      const to = ticketTokens.get(id)
      if (to === undefined) continue
      data[id] = unregistered.has(to)
        ? {
          status: 'error',
          message:
            `The recipient "${to}" is not associated with a device actively registered to receive push notifications.`,
          details: { error: 'DeviceNotRegistered', expoPushToken: to },
        }
        : { status: 'ok' }
    }
    return Response.json({ data })
  }

  async function handle(req: Request): Promise<Response> {
    const url = new URL(req.url)
    if (url.pathname === '/sandbox/messages' && req.method === 'GET') {
      const to = url.searchParams.get('to')
      return Response.json({ items: messages.filter((m) => to === null || m.to === to) })
    }
    if (url.pathname === '/sandbox/unregister' && req.method === 'POST') {
      const { token } = await req.json().catch(() => ({}))
      if (typeof token !== 'string') return Response.json({ message: 'token is required' }, { status: 400 })
      unregistered.add(token)
      return Response.json({ token, unregistered: true })
    }
    if (url.pathname === '/sandbox/fail-next' && req.method === 'POST') {
      const body = await req.json().catch(() => ({}))
      failures.count = Number.isInteger(body.count) ? body.count : 1
      failures.status = Number.isInteger(body.status) ? body.status : 503
      return Response.json(failures)
    }

    const api = url.pathname === '/--/api/v2/push/send'
      ? send
      : url.pathname === '/--/api/v2/push/getReceipts'
      ? receipts
      : undefined
    if (!api) return apiError(404, 'NOT_FOUND', `Cannot ${req.method} ${url.pathname}`)
    if (req.method !== 'POST') return apiError(405, 'METHOD_NOT_ALLOWED', 'Use POST')
    if (options.accessToken && req.headers.get('authorization') !== `Bearer ${options.accessToken}`) {
      return apiError(
        401,
        'UNAUTHORIZED',
        'The bearer token is invalid or missing; enhanced push security is on.',
      )
    }
    if (failures.count > 0) {
      failures.count--
      return failures.status === 429
        ? apiError(429, 'TOO_MANY_REQUESTS', 'Rate limit exceeded (injected by POST /sandbox/fail-next)')
        : apiError(failures.status, 'INTERNAL_SERVER_ERROR', 'Injected by POST /sandbox/fail-next')
    }
    let payload: unknown
    try {
      const raw = req.headers.get('content-encoding') === 'gzip'
        ? req.body!.pipeThrough(new DecompressionStream('gzip'))
        : req.body
      payload = JSON.parse(await new Response(raw).text())
    } catch {
      return apiError(400, 'VALIDATION_ERROR', 'The request body must be JSON')
    }
    return await api(payload)
  }

  return new Promise((resolve, reject) => {
    try {
      const server = Deno.serve(
        {
          port: options.port ?? 0,
          hostname: '127.0.0.1',
          onListen: ({ port }) => resolve({ url: `http://127.0.0.1:${port}`, stop: () => server.shutdown() }),
        },
        (req) =>
          handle(req).catch((error) => {
            console.error('expo sandbox:', error instanceof Error ? error.message : error)
            return apiError(500, 'INTERNAL_SERVER_ERROR', 'Internal server error')
          }),
      )
    } catch (error) {
      reject(error)
    }
  })
}

/** Why a message is malformed (Expo's VALIDATION_ERROR), or null. */
function invalid(message: unknown, index: number): string | null {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    return `"[${index}]" must be an object`
  }
  const m = message as Record<string, unknown>
  const recipients = Array.isArray(m.to) ? m.to : [m.to]
  if (recipients.length === 0 || !recipients.every((to) => typeof to === 'string')) {
    return `"[${index}].to" must be a string or an array of strings`
  }
  for (const field of ['title', 'body', 'sound', 'channelId'] as const) {
    if (m[field] !== undefined && typeof m[field] !== 'string') {
      return `"[${index}].${field}" must be a string`
    }
  }
  if (m.data !== undefined && (typeof m.data !== 'object' || m.data === null || Array.isArray(m.data))) {
    return `"[${index}].data" must be of type object`
  }
  return null
}

/** What the sandbox received, to one token or all (tests). */
export async function sentPushMessages(url: string, to?: string): Promise<SentPushMessage[]> {
  const res = await fetch(`${url}/sandbox/messages${to ? `?to=${encodeURIComponent(to)}` : ''}`)
  if (!res.ok) throw new Error(`sentPushMessages: ${res.status}`)
  return (await res.json()).items
}

/** Marks `token` as uninstalled: later tickets and earlier tickets' receipts say DeviceNotRegistered. */
export async function unregisterPushToken(url: string, token: string): Promise<void> {
  const res = await fetch(`${url}/sandbox/unregister`, { method: 'POST', body: JSON.stringify({ token }) })
  await res.body?.cancel()
  if (!res.ok) throw new Error(`unregisterPushToken: ${res.status}`)
}

/** Makes the next `count` API requests answer `status` (429: TOO_MANY_REQUESTS) (tests). */
export async function failNextPushRequests(url: string, count = 1, status = 503): Promise<void> {
  const res = await fetch(`${url}/sandbox/fail-next`, {
    method: 'POST',
    body: JSON.stringify({ count, status }),
  })
  await res.body?.cancel()
  if (!res.ok) throw new Error(`failNextPushRequests: ${res.status}`)
}
