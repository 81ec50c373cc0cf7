/**
 * Keyset pagination (the list convention in shared/contracts/pagination.ts): a query asks for `limit + 1`
 * rows after the cursor's sort key, in the same order; the extra row only tells whether a next page exists.
 * The cursor is the base64url JSON of the last row's sort key, opaque to clients and validated on the way in.
 */
import { z } from 'zod'
import type { Page } from '../../../shared/contracts/pagination.ts'
import { ValidationFailed } from './errors.ts'

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text)
  return btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')
}

function fromBase64Url(text: string): string {
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'))
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)))
}

export function encodeCursor(key: readonly (string | number)[]): string {
  return toBase64Url(JSON.stringify(key))
}

/** The sort key a cursor carries, checked against the list's key shape: a forged cursor is a 400. */
export function decodeCursor<S extends z.ZodType>(cursor: string, key: S): z.output<S> {
  try {
    const parsed = key.safeParse(JSON.parse(fromBase64Url(cursor)))
    if (parsed.success) return parsed.data
  } catch {
    // Falls through to the same answer as a well-formed cursor of the wrong shape.
  }
  throw new ValidationFailed([
    {
      field: 'query.cursor',
      message: 'Not a cursor from a previous page of this list',
      code: 'invalid_cursor',
    },
  ])
}

/** The page from `limit + 1` rows fetched in order: the extra row, if any, means another page follows. */
export function toPage<Row, Item>(
  rows: readonly Row[],
  limit: number,
  item: (row: Row) => Item,
  key: (row: Row) => readonly (string | number)[],
): Page<Item> {
  const shown = rows.slice(0, limit)
  const more = rows.length > limit
  return { items: shown.map(item), next_cursor: more ? encodeCursor(key(shown[shown.length - 1])) : null }
}

/** The usual key of a list ordered by a text column then id. */
export const TextIdKey = z.tuple([z.string(), z.uuid()])
