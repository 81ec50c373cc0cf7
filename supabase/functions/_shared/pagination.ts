/**
 * Keyset pagination (the list convention in shared/contracts/pagination.ts): a query asks for `limit + 1`
 * rows after the cursor's sort key, in the same order; the extra row only tells whether a next page exists.
 * The cursor is the base64url JSON of the last row's sort key, opaque to clients and validated on the way in.
 */
import { z } from 'zod'
import type { Page } from '../../../shared/contracts/pagination.ts'
import type { Tx } from './db.ts'
import { ValidationFailed } from './errors.ts'

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text)
  return btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')
}

function fromBase64Url(text: string): string {
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'))
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)))
}

function encodeCursor(key: readonly (string | number)[]): string {
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

/** The condition "after the cursor" of a list ordered by a text `column` then id; true without a cursor. */
export function afterTextId(tx: Tx, cursor: string | undefined, column: string, alias?: string) {
  if (!cursor) return tx`true`
  const [text, id] = decodeCursor(cursor, TextIdKey)
  return tx`(${qualified(tx, alias, column)}, ${qualified(tx, alias, 'id')}) > (${text}, ${id}::uuid)`
}

/** The order matching afterTextId. */
export function textIdOrder(tx: Tx, column: string, alias?: string) {
  return tx`${qualified(tx, alias, column)}, ${qualified(tx, alias, 'id')}`
}

/**
 * Newest-first lists (`order by created_at desc, id desc`, or another timestamp `column`: calls sort by
 * started_at). The key keeps the timestamp to the microsecond as UTC text: a JS Date would drop the
 * microseconds and let a page repeat or skip rows created in one millisecond.
 */
const NewestKey = z.tuple([z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/), z.uuid()])

function qualified(tx: Tx, alias: string | undefined, name: string) {
  return tx(alias ? `${alias}.${name}` : name)
}

/** A row's newest-first sort key, to select `as sort_at` (`alias`: the table's alias in the query, if any). */
export function newestSortAt(tx: Tx, alias?: string, column = 'created_at') {
  return tx`to_char(${qualified(tx, alias, column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`
}

/** The condition "after the cursor" of a newest-first list; true without a cursor. */
export function afterNewest(tx: Tx, cursor: string | undefined, alias?: string, column = 'created_at') {
  if (!cursor) return tx`true`
  const [at, id] = decodeCursor(cursor, NewestKey)
  return tx`(${qualified(tx, alias, column)}, ${
    qualified(tx, alias, 'id')
  }) < (${at}::timestamptz, ${id}::uuid)`
}

/** The order of a newest-first list, matching afterNewest. */
export function newestOrder(tx: Tx, alias?: string, column = 'created_at') {
  return tx`${qualified(tx, alias, column)} desc, ${qualified(tx, alias, 'id')} desc`
}

/** The cursor key of a row selected with newestSortAt. */
export const newestKey = (row: { sort_at: string; id: string }): [string, string] => [row.sort_at, row.id]
