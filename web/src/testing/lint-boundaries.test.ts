// @vitest-environment node
import { fileURLToPath } from 'node:url'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

// The real lint config, on real files of each layer with one import line swapped in: the boundaries of
// eslint.config.js hold where they should, and only there.
const eslint = new ESLint({ cwd: fileURLToPath(new URL('../..', import.meta.url)) })

async function restrictedImports(filePath: string, from: string): Promise<number> {
  const code = `import * as other from '${from}'\nexport const used = other\n`
  const [result] = await eslint.lintText(code, { filePath })
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').length
}

describe('import boundaries', () => {
  const inFeature = 'src/features/voice/components/voice-gate.tsx'

  it("keeps a feature out of another feature's internals, but lets it use that feature's index", async () => {
    expect(await restrictedImports(inFeature, '@/features/settings/api/get-vapi-settings.ts')).toBe(1)
    expect(await restrictedImports(inFeature, '../../settings/api/get-vapi-settings.ts')).toBe(1)
    expect(await restrictedImports(inFeature, '@/features/settings/index.ts')).toBe(0)
    expect(await restrictedImports(inFeature, './vapi-not-configured.tsx')).toBe(0)
  }, 60_000)

  it('keeps features from importing the app, and shared code from importing features or the app', async () => {
    expect(await restrictedImports(inFeature, '@/app/router.tsx')).toBe(1)
    for (const shared of ['src/lib/format.ts', 'src/components/ui/card.tsx', 'src/hooks/use-document-title.ts']) {
      expect(await restrictedImports(shared, '@/features/settings/index.ts')).toBe(1)
      expect(await restrictedImports(shared, '@/app/router.tsx')).toBe(1)
      expect(await restrictedImports(shared, '@/lib/utils.ts')).toBe(0)
    }
  }, 60_000)

  it('lets the app compose features', async () => {
    expect(await restrictedImports('src/app/router.tsx', '@/features/settings/components/vapi-card.tsx')).toBe(0)
  }, 60_000)
})
