/**
 * The permission list lives twice: shared/permissions.ts for the SPA and the functions, and
 * private.all_permissions() / private.default_role_permissions() for the check constraint and the new
 * tenants' roles. This keeps them equal, through the real database the test runner provides.
 */
import assert from 'node:assert/strict'
import postgres from 'postgres'
import { DEFAULT_ROLE_PERMISSIONS, PERMISSIONS, SYSTEM_ROLES } from '../../shared/permissions.ts'

const url = Deno.env.get('SUPABASE_DB_URL')

Deno.test({
  name: 'private.all_permissions() and default_role_permissions() match shared/permissions.ts',
  ignore: !url,
  async fn() {
    const sql = postgres(url!, { max: 1, prepare: Deno.env.get('DB_PREPARE') === 'true', onnotice: () => {} })
    try {
      const [{ all }] = await sql<{ all: string[] }[]>`select private.all_permissions() as all`
      assert.deepEqual(all, [...PERMISSIONS], 'same permissions, same order')

      const rows = await sql<{ role: string; permissions: string[] | null }[]>`
        select r as role, private.default_role_permissions(r) as permissions from unnest(${[
        ...SYSTEM_ROLES,
      ]}::text[]) r`
      for (const { role, permissions } of rows) {
        const expected = DEFAULT_ROLE_PERMISSIONS[role as keyof typeof DEFAULT_ROLE_PERMISSIONS]
        assert.deepEqual(
          [...(permissions ?? [])].sort(),
          [...expected].sort(),
          `default permissions of ${role}`,
        )
      }
      assert.equal(rows.length, SYSTEM_ROLES.length)
    } finally {
      await sql.end()
    }
  },
})
