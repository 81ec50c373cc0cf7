/** IdCursor: ids that commit out of order are delivered once, holes are waited for, then given up. */
import assert from 'node:assert/strict'
import { IdCursor } from './cursor.ts'

const rows = (...ids: number[]) => ids.map((id) => ({ id }))
const ids = (list: { id: number }[]) => list.map((row) => row.id)

Deno.test('IdCursor: in-order ids move the cursor, nothing is delivered twice', () => {
  const cursor = new IdCursor(10, 1000)
  assert.deepEqual(ids(cursor.fresh(rows(11, 12), 0)), [11, 12])
  assert.equal(cursor.settled, 12)
  assert.deepEqual(ids(cursor.fresh(rows(12, 13), 0)), [13], 'a row at or below the cursor is old')
  assert.deepEqual(ids(cursor.fresh(rows(), 0)), [])
  assert.equal(cursor.settled, 13)
})

Deno.test('IdCursor: a lower id committed later is still delivered, once', () => {
  const cursor = new IdCursor(0, 1000)
  assert.deepEqual(ids(cursor.fresh(rows(2, 3), 0)), [2, 3])
  assert.equal(cursor.settled, 0, 'id 1 may still commit')
  assert.deepEqual(ids(cursor.fresh(rows(2, 3), 100)), [], 'polled again while the hole is open')
  assert.deepEqual(ids(cursor.fresh(rows(1, 2, 3, 4), 200)), [1, 4])
  assert.equal(cursor.settled, 4)
})

Deno.test('IdCursor: a hole (a rolled-back id) is given up after holeMs, all of it at once', () => {
  const cursor = new IdCursor(0, 1000)
  cursor.fresh(rows(4, 5), 0)
  cursor.fresh(rows(4, 5), 999)
  assert.equal(cursor.settled, 0)
  cursor.fresh(rows(4, 5, 7), 1000)
  assert.equal(cursor.settled, 5, 'ids 1 to 3 given up; 6 is a new hole')
  cursor.fresh(rows(7), 1500)
  assert.equal(cursor.settled, 5)
  assert.deepEqual(ids(cursor.fresh(rows(6, 7), 1600)), [6])
  assert.equal(cursor.settled, 7)
})
