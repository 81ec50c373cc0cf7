/**
 * `/squad`: Vapi's squads (members by `assistantId` or inline `assistant`, with `assistantDestinations`
 * for transfers between them). A member's `assistantId` must be an assistant of the organisation.
 */
import { Hono } from 'hono'
import type { Env, Org, Squad } from './orgs.ts'
import { notFound, vapiError } from './errors.ts'
import { listed, merged, timestamp, validJson } from './http.ts'

export const squads = new Hono<Env>()

function memberProblems(org: Org, members: unknown): string[] {
  if (!Array.isArray(members)) return []
  return members.flatMap((member: { assistantId?: string | null; assistant?: unknown }, index) => {
    if (member.assistantId && !org.assistants.has(member.assistantId)) {
      return [
        `members.${index}.assistantId: Couldn't Find Assistant. \`assistant\` ${member.assistantId} Not Found.`,
      ]
    }
    if (!member.assistantId && !member.assistant) {
      return [`members.${index} must have an assistantId or an assistant`]
    }
    return []
  })
}

squads.post('/', async (c) => {
  const org = c.get('org')
  const body = await validJson(c, ['post', '/squad'])
  if (body instanceof Response) return body
  const problems = memberProblems(org, body.members)
  if (problems.length) return vapiError(400, problems)
  const now = timestamp()
  const squad = { ...body, id: crypto.randomUUID(), orgId: org.id, createdAt: now, updatedAt: now } as Squad
  org.squads.set(squad.id, squad)
  return c.json(squad, 201)
})

squads.get('/', (c) => listed(c, c.get('org').squads.values()))

squads.get('/:id', (c) => {
  const squad = c.get('org').squads.get(c.req.param('id'))
  return squad ? c.json(squad) : notFound('Get', 'Squad', 'squad')
})

squads.patch('/:id', async (c) => {
  const org = c.get('org')
  const squad = org.squads.get(c.req.param('id'))
  if (!squad) return notFound('Update', 'Squad', 'squad')
  const body = await validJson(c, ['patch', '/squad/{id}'])
  if (body instanceof Response) return body
  const problems = memberProblems(org, body.members)
  if (problems.length) return vapiError(400, problems)
  const updated = merged(squad, body)
  org.squads.set(updated.id, updated)
  return c.json(updated)
})

squads.delete('/:id', (c) => {
  const org = c.get('org')
  const squad = org.squads.get(c.req.param('id'))
  if (!squad) return notFound('Delete', 'Squad', 'squad')
  const numbers = [...org.phoneNumbers.values()].filter((number) => number.squadId === squad.id)
  if (numbers.length) {
    return vapiError(
      400,
      `Couldn't Delete Squad. It is used by ${
        numbers.map((n) => `phone number ${n.number ?? n.name ?? ''} (${n.id})`).join(', ')
      }. Remove it from them first.`,
    )
  }
  org.squads.delete(squad.id)
  return c.json(squad)
})
