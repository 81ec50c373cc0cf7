/**
 * `/call`: the organisation's calls (those played with `POST /sandbox/calls`): list (filters `id`,
 * `assistantId`, `phoneNumberId`, the time ranges, `limit`), get, update (`name`), delete (Vapi's
 * DeleteCallDTO: the call, and any `ids` with it), and the recordings as Vapi serves them: a 302 to the
 * storage URL (here the sandbox's own `/sandbox/recordings/…`), 404 "Artifact not found." when there is none.
 */
import { Hono } from 'hono'
import type { Call, Env } from './orgs.ts'
import { notFound, vapiError } from './errors.ts'
import { listed, merged, validJson } from './http.ts'

export const calls = new Hono<Env>()

calls.get('/', (c) => {
  const { id, assistantId, phoneNumberId } = c.req.query()
  return listed(c, c.get('org').calls.values(), {
    filter: (call) =>
      (!id || call.id === id) && (!assistantId || call.assistantId === assistantId) &&
      (!phoneNumberId || call.phoneNumberId === phoneNumberId),
  })
})

calls.get('/:id', (c) => {
  const call = c.get('org').calls.get(c.req.param('id'))
  return call ? c.json(call) : notFound('Get', 'Call', 'call')
})

calls.patch('/:id', async (c) => {
  const org = c.get('org')
  const call = org.calls.get(c.req.param('id'))
  if (!call) return notFound('Update', 'Call', 'call')
  const body = await validJson(c, ['patch', '/call/{id}'])
  if (body instanceof Response) return body
  const updated = merged(call, body)
  org.calls.set(call.id, updated)
  return c.json(updated)
})

calls.delete('/:id', async (c) => {
  const org = c.get('org')
  const call = org.calls.get(c.req.param('id'))
  if (!call) return notFound('Delete', 'Call', 'call')
  const body = await validJson<{ ids?: string[] | null }>(c, ['delete', '/call/{id}'])
  if (body instanceof Response) return body
  if (call.status !== 'ended') {
    return vapiError(400, `Call ${call.id} is still ${call.status}; it can be deleted once it ended.`)
  }
  org.calls.delete(call.id)
  for (const id of body.ids ?? []) {
    if (org.calls.get(id)?.status === 'ended') org.calls.delete(id)
  }
  return c.json(call)
})

const RECORDINGS: Record<string, (call: Call) => string | undefined> = {
  'mono-recording': (call) => call.artifact?.recording?.mono?.combinedUrl,
  'stereo-recording': (call) => call.artifact?.recording?.stereoUrl,
  'customer-recording': (call) => call.artifact?.recording?.mono?.customerUrl,
  'assistant-recording': (call) => call.artifact?.recording?.mono?.assistantUrl,
}

calls.get('/:id/:artifact', (c) => {
  const pick = RECORDINGS[c.req.param('artifact')]
  if (!pick) return vapiError(404, `Cannot GET ${new URL(c.req.url).pathname}`)
  const call = c.get('org').calls.get(c.req.param('id'))
  const url = call && pick(call)
  return url ? c.redirect(url, 302) : vapiError(404, 'Artifact not found.')
})
