/**
 * CONTRACTS (shared/contracts/index.ts) lists every function's route table, and nothing else: the API
 * reference is generated from it, so a function left out of it would be served but undocumented. Each
 * function must also be declared in supabase/config.toml, or `supabase functions deploy` would deploy it with
 * the platform's defaults (verify_jwt on) and the local gateway would not know its settings.
 */
import assert from 'node:assert/strict'
import { parse as parseToml } from 'smol-toml'
import { CONTRACTS } from '../../shared/contracts/index.ts'
import { isFunctionModule } from '../../supabase/functions/_shared/function.ts'

const supabaseDir = new URL('../../supabase/', import.meta.url)
const functionsDir = new URL('functions/', supabaseDir)

/** Every folder of supabase/functions the gateway would serve: not `_`-prefixed, with a handler.ts. */
async function functionFolders(): Promise<string[]> {
  const names: string[] = []
  for await (const entry of Deno.readDir(functionsDir)) {
    if (!entry.isDirectory || entry.name.startsWith('_')) continue
    const handler = await Deno.stat(new URL(`${entry.name}/handler.ts`, functionsDir)).catch(() => null)
    if (handler?.isFile) names.push(entry.name)
  }
  return names.sort()
}

Deno.test('contracts: every function default-exports defineFunction(…) with a contract listed in CONTRACTS', async () => {
  const folders = await functionFolders()
  assert.ok(folders.length > 0, 'no function found')
  for (const name of folders) {
    const { default: fn } = await import(new URL(`${name}/handler.ts`, functionsDir).href)
    assert.ok(
      isFunctionModule(fn),
      `supabase/functions/${name}/handler.ts must default-export defineFunction(…)`,
    )
    assert.equal(
      fn.name,
      name,
      `supabase/functions/${name}: its contract is named "${fn.name}", not "${name}"`,
    )
    assert.ok(
      (CONTRACTS as readonly unknown[]).includes(fn.contract),
      `the contract of supabase/functions/${name} is not in CONTRACTS (shared/contracts/index.ts): add it`,
    )
  }
})

Deno.test('contracts: every entry of CONTRACTS is served by a function of the same name', async () => {
  const folders = await functionFolders()
  const names = CONTRACTS.map((c) => c.name)
  assert.equal(new Set(names).size, names.length, `CONTRACTS names a function twice: ${names.join(', ')}`)
  for (const contract of CONTRACTS) {
    assert.ok(
      folders.includes(contract.name),
      `CONTRACTS lists "${contract.name}", but supabase/functions/${contract.name}/handler.ts does not exist`,
    )
    const { default: fn } = await import(new URL(`${contract.name}/handler.ts`, functionsDir).href)
    assert.equal(
      fn.contract,
      contract,
      `supabase/functions/${contract.name}/handler.ts serves another contract than CONTRACTS' "${contract.name}"`,
    )
  }
})

Deno.test('contracts: every function has its [functions.<name>] entry in supabase/config.toml', async () => {
  const config = parseToml(await Deno.readTextFile(new URL('config.toml', supabaseDir))) as {
    functions?: Record<string, { entrypoint?: string }>
  }
  for (const name of await functionFolders()) {
    const entry = config.functions?.[name]
    assert.ok(entry, `supabase/config.toml has no [functions.${name}] entry`)
    const index = await Deno.stat(new URL(`${name}/index.ts`, functionsDir)).catch(() => null)
    assert.ok(index?.isFile, `supabase/functions/${name}/index.ts (the deployed entrypoint) is missing`)
    assert.equal(
      entry.entrypoint,
      `./functions/${name}/index.ts`,
      `[functions.${name}] in supabase/config.toml: entrypoint should be ./functions/${name}/index.ts`,
    )
  }
})
