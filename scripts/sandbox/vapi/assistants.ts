/** `/assistant`: Vapi's assistants of the calling organisation. */
import { Hono } from 'hono'
import type { Env } from './orgs.ts'
import { vapiError } from './errors.ts'

export const assistants = new Hono<Env>()

assistants.get('/', (c) => {
  const limit = Number(c.req.query('limit') ?? 100)
  const all = [...c.get('org').assistants.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  return c.json(all.slice(0, Number.isFinite(limit) && limit > 0 ? limit : 100))
})

assistants.get('/:id', (c) => {
  const assistant = c.get('org').assistants.get(c.req.param('id'))
  return assistant ? c.json(assistant) : vapiError(404, "Couldn't Get Assistant. `assistant` Not Found.")
})
