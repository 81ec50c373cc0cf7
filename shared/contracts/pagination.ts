/**
 * The list convention of every function: `GET` with `?cursor=<next_cursor>&limit=`, answering
 * `{ items, next_cursor }` in a stable order (keyset pagination: the cursor names the last row seen, so pages
 * neither skip nor repeat rows when others are inserted meanwhile). `next_cursor` is null on the last page.
 */
import { z } from 'zod'

export const DEFAULT_PAGE_SIZE = 50
export const MAX_PAGE_SIZE = 100

/** Opaque to clients: base64url of the sort key of the last row of the previous page. */
export const Cursor = z.string().max(512).regex(/^[A-Za-z0-9_-]+$/, 'Not a cursor from a previous page')

export const ListQuery = z.object({
  cursor: Cursor.optional(),
  limit: z.coerce.number<number>().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
})
export type ListQuery = z.output<typeof ListQuery>

export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), next_cursor: z.string().nullable() })
}

export interface Page<T> {
  items: T[]
  next_cursor: string | null
}
