/** `/assistant`: Vapi's assistants of the calling organisation (create, list, get, update, delete). */
import { Hono } from 'hono'
import type { Assistant, Env } from './orgs.ts'
import { notFound, vapiError } from './errors.ts'
import { listed, merged, timestamp, validJson } from './http.ts'
import { credentialProblem } from './credentials.ts'

export const assistants = new Hono<Env>()

assistants.post('/', async (c) => {
  const org = c.get('org')
  const body = await validJson(c, ['post', '/assistant'])
  if (body instanceof Response) return body
  const problem = credentialProblem(org, body.server)
  if (problem) return vapiError(400, [problem])
  const now = timestamp()
  const assistant = {
    ...body,
    id: crypto.randomUUID(),
    orgId: org.id,
    createdAt: now,
    updatedAt: now,
  } as Assistant
  org.assistants.set(assistant.id, assistant)
  return c.json(assistant, 201)
})

assistants.get('/', (c) => listed(c, c.get('org').assistants.values()))

assistants.get('/:id', (c) => {
  const assistant = c.get('org').assistants.get(c.req.param('id'))
  return assistant ? c.json(assistant) : notFound('Get', 'Assistant', 'assistant')
})

assistants.patch('/:id', async (c) => {
  const org = c.get('org')
  const assistant = org.assistants.get(c.req.param('id'))
  if (!assistant) return notFound('Update', 'Assistant', 'assistant')
  const body = await validJson(c, ['patch', '/assistant/{id}'])
  if (body instanceof Response) return body
  const problem = credentialProblem(org, body.server)
  if (problem) return vapiError(400, [problem])
  // Vapi's PATCH replaces each top-level field sent and keeps the others.
  const updated = merged(assistant, body)
  org.assistants.set(updated.id, updated)
  return c.json(updated)
})

assistants.delete('/:id', (c) => {
  const org = c.get('org')
  const id = c.req.param('id')
  const assistant = org.assistants.get(id)
  if (!assistant) return notFound('Delete', 'Assistant', 'assistant')
  // Refused while something still routes calls to it, naming what does.
  const users = [
    ...[...org.squads.values()]
      .filter((squad) => squad.members.some((member) => member.assistantId === id))
      .map((squad) => `squad ${squad.name ? `"${squad.name}" ` : ''}(${squad.id})`),
    ...[...org.phoneNumbers.values()]
      .filter((number) => number.assistantId === id)
      .map((number) =>
        `phone number ${number.number ?? number.name ?? ''} (${number.id})`.replace('  ', ' ')
      ),
  ]
  if (users.length) {
    return vapiError(
      400,
      `Couldn't Delete Assistant. It is used by ${users.join(', ')}. Remove it from them first.`,
    )
  }
  org.assistants.delete(id)
  return c.json(assistant)
})
