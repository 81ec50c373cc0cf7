import assert from 'node:assert/strict'
import { createCoreDeps } from './deps.ts'
import { AppError } from './errors.ts'
import { testEnv } from './testing.ts'

Deno.test('db: every data exception (SQLSTATE class 22) is a 400 invalid_value, never a 500', async () => {
  const deps = createCoreDeps(testEnv())
  try {
    const failing = [
      'select 1 / 0', // 22012 division_by_zero
      "select 'abc'::int", // 22P02 invalid_text_representation
      'select 40000::smallint', // 22003 numeric_value_out_of_range
      "select now() at time zone 'Mars/Olympus'", // 22023 invalid_parameter_value
      "select convert_from('\\xff'::bytea, 'UTF8')", // 22021 character_not_in_repertoire
      "select '2026-02-30'::date", // 22008 datetime_field_overflow
    ]
    for (const query of failing) {
      await assert.rejects(deps.db.asService((tx) => tx.unsafe(query)), (error: unknown) => {
        assert.ok(error instanceof AppError, `${query}: ${error}`)
        assert.equal(error.status, 400, query)
        assert.equal(error.code, 'invalid_value')
        return true
      })
    }
  } finally {
    await deps.db.end()
  }
})
