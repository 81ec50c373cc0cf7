/**
 * `npm run docs`: writes the API reference generated from the route tables (CONTRACTS):
 *   docs/openapi.json      the OpenAPI 3.1 document
 *   docs/api/index.html    the same, as one self-contained page (no script, no CDN)
 * Both are committed; a test (openapi.test.ts) fails when they differ from what this produces.
 */
import { CONTRACTS } from '../../shared/contracts/index.ts'
import { renderHtml } from './html.ts'
import { buildOpenApi, loadNamedSchemas, serialise } from './openapi.ts'

const root = new URL('../../', import.meta.url)

/** Where each generated file goes, relative to the repository root. */
export const OUTPUTS = { openapi: 'docs/openapi.json', html: 'docs/api/index.html' } as const

/** The files as the route tables make them now: path (from the repository root) → content. */
export async function generate(): Promise<Record<string, string>> {
  const { version } = JSON.parse(await Deno.readTextFile(new URL('package.json', root)))
  const document = buildOpenApi({ contracts: CONTRACTS, named: await loadNamedSchemas(), version })
  // The page is rendered from the document as written, so it shows exactly what openapi.json says.
  const json = serialise(document)
  return {
    [OUTPUTS.openapi]: await format(json, 'json'),
    [OUTPUTS.html]: await format(renderHtml(JSON.parse(json)), 'html'),
  }
}

/** As `deno fmt` (deno.json's rules) would leave it, so `deno fmt --check` passes on the generated files. */
async function format(text: string, ext: 'json' | 'html'): Promise<string> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ['fmt', `--ext=${ext}`, '-'],
    cwd: root,
    stdin: 'piped',
    stdout: 'piped',
    stderr: 'piped',
  }).spawn()
  const writer = child.stdin.getWriter()
  await writer.write(new TextEncoder().encode(text))
  await writer.close()
  const { code, stdout, stderr } = await child.output()
  if (code !== 0) throw new Error(`deno fmt --ext=${ext} failed: ${new TextDecoder().decode(stderr)}`)
  return new TextDecoder().decode(stdout)
}

if (import.meta.main) {
  for (const [path, content] of Object.entries(await generate())) {
    const file = new URL(path, root)
    await Deno.mkdir(new URL('.', file), { recursive: true })
    const before = await Deno.readTextFile(file).catch(() => null)
    await Deno.writeTextFile(file, content)
    console.log(`${before === content ? 'unchanged' : 'wrote'} ${path}`)
  }
}
