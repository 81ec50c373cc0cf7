/**
 * The pgTAP runner must report what goes wrong, or `npm test` would pass with broken RLS: a failing
 * assertion, a plan that does not match, and a file that errors half-way each count as failures, and the
 * next file still runs in a clean transaction.
 */
import assert from 'node:assert/strict'
import { runPgtap } from './pgtap.ts'

const url = Deno.env.get('SUPABASE_DB_URL')

Deno.test({
  name: 'runPgtap counts passes, failed assertions, plan mismatches and errors',
  ignore: !url,
  async fn() {
    const dir = await Deno.makeTempDir()
    try {
      await Deno.copyFile(new URL('../../supabase/tests/setup.sql', import.meta.url), `${dir}/setup.sql`)
      const files: Record<string, string> = {
        'a-passes.test.sql': `select plan(2); select ok(true, 'one'); select is(1 + 1, 2, 'two');`,
        'b-fails.test.sql': `select plan(2); select ok(true, 'fine'); select is(1, 2, 'one is not two');`,
        'c-short.test.sql': `select plan(3); select ok(true, 'only one of three');`,
        'd-errors.test.sql': `select plan(1); select no_such_function();`,
        // Runs after the error: proves the aborted transaction was rolled back and the connection reused.
        'e-after.test.sql': `select plan(1); select ok(true, 'still running');`,
      }
      await Deno.mkdir(`${dir}/nested`)
      for (const [name, body] of Object.entries(files)) {
        await Deno.writeTextFile(
          `${dir}/nested/${name}`,
          `begin;\n${body}\nselect * from finish();\nrollback;\n`,
        )
      }

      const result = await runPgtap(url!, {
        prepare: Deno.env.get('DB_PREPARE') === 'true',
        dir: new URL(`file://${dir}/`),
      })

      assert.equal(result.passed, 5)
      assert.equal(result.failed, 3)
      assert.match(result.failures[0], /^nested\/b-fails\.test\.sql: not ok 2 - one is not two/)
      assert.match(result.failures[1], /^nested\/c-short\.test\.sql: planned 3 tests but ran 1$/)
      assert.match(result.failures[2], /^nested\/d-errors\.test\.sql: error: 42883 /)
      assert.match(result.output, /ok 1 - still running/)
    } finally {
      await Deno.remove(dir, { recursive: true })
    }
  },
})
