/**
 * The sandbox's own routes, beside Vapi's API:
 *
 * - `POST /sandbox/calls` (the organisation's key): plays a call (play.ts), answering 201
 *   `{ call, eventsUrl }` at once; `GET /sandbox/calls/:id` (the key): `{ call, finished, deliveries }`,
 *   what was sent where and how each attempt went.
 * - Without a key, as capability or storage URLs: `GET /sandbox/calls/:id/events?token=…` (the call's
 *   Server-Sent Events, CORS `*`, events.ts), `GET /sandbox/recordings/<callId>[-stereo|-assistant|-customer].wav`
 *   (the recordings, wav.ts) and `GET /sandbox/files/:id/:name` (an uploaded file's bytes).
 */
import { Hono } from 'hono'
import type { Env, Orgs } from './orgs.ts'
import { vapiError } from './errors.ts'
import { readJson } from './http.ts'
import { type PlayCallRequest, Player, playProblems } from './play.ts'
import { type RecordingKind, recordingWav, type Turn } from './wav.ts'
import { decodeBase64 } from './files.ts'

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, OPTIONS',
  'access-control-allow-headers': 'cache-control, last-event-id, content-type',
  'access-control-max-age': '600',
}

/** Routes that need no key: mount before the key check. */
export function publicSandboxRoutes(orgs: Orgs, player: Player): Hono {
  const app = new Hono()

  app.options('/sandbox/calls/:id/events', () => new Response(null, { status: 204, headers: CORS }))
  app.get('/sandbox/calls/:id/events', (c) => {
    const playback = player.playbacks.get(c.req.param('id'))
    if (!playback || c.req.query('token') !== playback.token) {
      return Response.json({ message: 'Not Found', statusCode: 404 }, { status: 404, headers: CORS })
    }
    return playback.events.response(CORS)
  })

  app.get('/sandbox/recordings/:file', (c) => {
    const match = /^([0-9a-f-]{36})(?:-(stereo|assistant|customer))?\.wav$/.exec(c.req.param('file'))
    const call = match && orgs.all().map((org) => org.calls.get(match[1])).find(Boolean)
    const messages = call?.status === 'ended' && call.artifact?.recording
      ? call.artifact.messages ?? []
      : undefined
    if (!match || !messages) return vapiError(404, 'Recording not found.')
    const turns: Turn[] = (messages as { role: string; message: string }[])
      .filter((m) => m.role === 'bot' || m.role === 'user')
      .map((m) => ({ role: m.role === 'bot' ? 'assistant' : 'user', text: m.message }))
    const kind = (match[2] ?? 'mono') as RecordingKind
    return new Response(recordingWav(turns, kind) as Uint8Array<ArrayBuffer>, {
      headers: { 'content-type': 'audio/wav', 'access-control-allow-origin': '*' },
    })
  })

  app.get('/sandbox/files/:id/:name', (c) => {
    const file = orgs.all().map((org) => org.files.get(c.req.param('id'))).find(Boolean)
    if (!file) return vapiError(404, 'File not found.')
    return new Response(decodeBase64(file.content) as Uint8Array<ArrayBuffer>, {
      headers: {
        'content-type': file.mimetype,
        'content-disposition': `inline; filename="${encodeURIComponent(file.originalName)}"`,
      },
    })
  })
  return app
}

/** Routes under the key check. */
export function sandboxRoutes(player: Player): Hono<Env> {
  const app = new Hono<Env>()

  app.post('/calls', async (c) => {
    const org = c.get('org')
    const body = await readJson(c)
    if (body instanceof Response) return body
    const problems = playProblems(org, body)
    if (problems.length) return vapiError(400, problems)
    const origin = new URL(c.req.url).origin
    const { call, playback } = player.start(org, body as PlayCallRequest, origin)
    return c.json(
      { call, eventsUrl: `${origin}/sandbox/calls/${call.id}/events?token=${playback.token}` },
      201,
    )
  })

  app.get('/calls/:id', (c) => {
    const call = c.get('org').calls.get(c.req.param('id'))
    if (!call) return vapiError(404, "Couldn't Get Call. `call` Not Found.")
    const playback = player.playbacks.get(call.id)
    return c.json({
      call,
      finished: playback ? playback.finished : call.status === 'ended',
      deliveries: playback?.deliveries ?? [],
    })
  })
  return app
}
