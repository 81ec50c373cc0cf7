/**
 * Push notifications to members' phones through Expo's push API: `POST {base}/--/api/v2/push/send` with an
 * array of messages (at most 100 a request) answers one ticket per message, in order; `POST
 * {base}/--/api/v2/push/getReceipts` with `{ ids }` (at most 1000) answers the receipts Apple or Google gave
 * later. A ticket or receipt with `details.error === 'DeviceNotRegistered'` means the token is dead: stop
 * sending to it.
 *
 * Our own client rather than expo-server-sdk: the SDK reads its base URL once, from EXPO_BASE_URL at import
 * ("only for internal Expo use"), so it could not be pointed at the loopback stand-in per client. This one
 * follows the SDK's conventions: the same headers, gzip for bodies over 1 KiB, the top-level `errors` array
 * as a failure of the whole request, and no blind retry (a 429 or 5xx is a PushUnavailable for the caller's
 * job to retry later).
 */
import { z } from 'zod'
import { type EnvSource, HttpUrl, readEnv } from './env.ts'

/** The push slice of the environment. */
const PushEnvSchema = z.object({
  EXPO_PUSH_URL: HttpUrl.default('https://exp.host'),
  /** Required by Expo only when the project enables enhanced push security. */
  EXPO_ACCESS_TOKEN: z.string().min(1).optional(),
})
export type PushEnv = z.output<typeof PushEnvSchema>

export function loadPushEnv(source?: EnvSource): PushEnv {
  return readEnv(PushEnvSchema, source)
}

export interface PushMessage {
  /** An Expo push token: `ExponentPushToken[…]`. */
  to: string
  title: string
  body: string
  data: Record<string, unknown>
}

/** Expo's error codes for a message (`details.error`); others may appear. */
export type PushErrorCode =
  | 'DeviceNotRegistered'
  | 'MessageTooBig'
  | 'MessageRateExceeded'
  | 'MismatchSenderId'
  | 'InvalidCredentials'
  | (string & Record<never, never>)

export type PushTicket =
  | { status: 'ok'; id: string }
  | { status: 'error'; message: string; details?: { error?: PushErrorCode; expoPushToken?: string } }

export type PushReceipt =
  | { status: 'ok' }
  | { status: 'error'; message?: string; details?: { error?: PushErrorCode } }

export interface PushClient {
  /** One ticket per message, in order; sent in chunks of PUSH_CHUNK_SIZE, one after the other. */
  send(messages: PushMessage[]): Promise<PushTicket[]>
  /** The receipts Expo has for these ticket ids (absent: not ready yet, or expired after a day). */
  receipts(ids: string[]): Promise<Record<string, PushReceipt>>
}

export const PUSH_CHUNK_SIZE = 100
export const RECEIPT_CHUNK_SIZE = 1000

/**
 * Expo could not take the request now (429, 5xx, no answer): retry later. When a send fails after some
 * chunks went through, `sent` holds their tickets (the first `sent.length` messages): retry only the rest.
 */
export class PushUnavailable extends Error {
  override name = 'PushUnavailable'
  readonly retriable = true
  constructor(message: string, readonly status?: number, readonly sent: PushTicket[] = []) {
    super(message)
  }
}

/** Expo refused the request as a whole (its top-level `errors`, e.g. PUSH_TOO_MANY_EXPERIENCE_IDS). */
export class PushRejected extends Error {
  override name = 'PushRejected'
  readonly retriable = false
  constructor(readonly code: string, message: string, readonly status: number) {
    super(`${code}: ${message}`)
  }
}

const Details = z.object({ error: z.string().optional(), expoPushToken: z.string().optional() }).optional()
const Ticket = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok'), id: z.string() }),
  z.object({ status: z.literal('error'), message: z.string(), details: Details }),
])
const Receipt = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok') }),
  z.object({ status: z.literal('error'), message: z.string().optional(), details: Details }),
])
const ApiErrors = z.array(z.object({ code: z.string(), message: z.string() }).loose()).min(1)
const Envelope = <T extends z.ZodType>(data: T) =>
  z.object({ data: data.optional(), errors: ApiErrors.optional() })

export interface PushClientOptions {
  /** EXPO_PUSH_URL: `https://exp.host`, or the stand-in. */
  baseUrl: string
  /** EXPO_ACCESS_TOKEN, sent as a bearer token when set. */
  accessToken?: string
  fetch?: typeof fetch
  /** Per request (default 15 s). */
  timeoutMs?: number
}

export function createPushClient(options: PushClientOptions): PushClient {
  const fetchFn = options.fetch ?? fetch
  const base = options.baseUrl.replace(/\/+$/, '')

  async function post<T extends z.ZodType>(path: string, payload: unknown, data: T): Promise<z.output<T>> {
    const json = new TextEncoder().encode(JSON.stringify(payload))
    const headers: Record<string, string> = {
      accept: 'application/json',
      'accept-encoding': 'gzip, deflate',
      'content-type': 'application/json',
    }
    if (options.accessToken) headers.authorization = `Bearer ${options.accessToken}`
    // As the SDK does: notifications to many phones repeat themselves and shrink well.
    const body = json.length > 1024 ? await gzip(json) : json
    if (body !== json) headers['content-encoding'] = 'gzip'
    let res: Response
    try {
      res = await fetchFn(`${base}${path}`, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      })
    } catch (error) {
      throw new PushUnavailable(`Expo did not answer: ${error instanceof Error ? error.name : 'error'}`)
    }
    const text = await res.text()
    const parsed = Envelope(data).safeParse(parseJson(text))
    const apiError = parsed.success ? parsed.data.errors?.[0] : undefined
    if (res.status === 429 || res.status >= 500) {
      throw new PushUnavailable(
        `Expo answered ${res.status}${apiError ? ` ${apiError.code}` : ''}`,
        res.status,
      )
    }
    if (apiError) throw new PushRejected(apiError.code, apiError.message, res.status)
    if (res.status !== 200 || !parsed.success || parsed.data.data === undefined) {
      throw new PushRejected(`HTTP_${res.status}`, 'Expo answered an unexpected body', res.status)
    }
    return parsed.data.data
  }

  return {
    async send(messages) {
      const tickets: PushTicket[] = []
      for (let i = 0; i < messages.length; i += PUSH_CHUNK_SIZE) {
        const chunk = messages.slice(i, i + PUSH_CHUNK_SIZE)
        let answered: PushTicket[]
        try {
          answered = await post('/--/api/v2/push/send', chunk, z.array(Ticket)) as PushTicket[]
        } catch (error) {
          if (error instanceof PushUnavailable) {
            throw new PushUnavailable(error.message, error.status, tickets)
          }
          throw error
        }
        if (answered.length !== chunk.length) {
          throw new PushRejected(
            'TICKET_COUNT',
            `${answered.length} tickets for ${chunk.length} messages`,
            200,
          )
        }
        tickets.push(...answered)
      }
      return tickets
    },
    async receipts(ids) {
      const receipts: Record<string, PushReceipt> = {}
      for (let i = 0; i < ids.length; i += RECEIPT_CHUNK_SIZE) {
        const chunk = ids.slice(i, i + RECEIPT_CHUNK_SIZE)
        Object.assign(
          receipts,
          await post('/--/api/v2/push/getReceipts', { ids: chunk }, z.record(z.string(), Receipt)),
        )
      }
      return receipts
    },
  }
}

/** The client EXPO_PUSH_URL and EXPO_ACCESS_TOKEN configure. */
export function createPushClientFromEnv(source?: EnvSource): PushClient {
  const env = loadPushEnv(source)
  return createPushClient({ baseUrl: env.EXPO_PUSH_URL, accessToken: env.EXPO_ACCESS_TOKEN })
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

async function gzip(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip'))
  return new Uint8Array(await new Response(stream).arrayBuffer())
}
