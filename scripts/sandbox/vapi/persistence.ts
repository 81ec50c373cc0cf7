/**
 * Keeping the organisations across restarts (`npm start`): loaded from a JSON file at start, written back
 * (atomically, debounced) after changes. Keys are saved as their sha256 only. A call that was still being
 * played when the process stopped is loaded as ended (`worker-shutdown`).
 */
import { Orgs, type SavedOrgs } from './orgs.ts'

export async function loadOrgs(file: string): Promise<Orgs> {
  let text: string
  try {
    text = await Deno.readTextFile(file)
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return new Orgs()
    throw error
  }
  const saved = JSON.parse(text) as SavedOrgs
  if (saved.version !== 1) throw new Error(`${file}: unknown version ${saved.version}`)
  const orgs = Orgs.load(saved)
  for (const org of orgs.all()) {
    for (const call of org.calls.values()) {
      if (call.status !== 'ended') Object.assign(call, { status: 'ended', endedReason: 'worker-shutdown' })
    }
  }
  return orgs
}

/** Saves `orgs` to `file` shortly after each change; `flush` writes what is pending now. */
export function persistOrgs(orgs: Orgs, file: string, debounceMs = 250): { flush(): Promise<void> } {
  let timer: ReturnType<typeof setTimeout> | undefined
  let writing = Promise.resolve()
  const write = () => {
    timer = undefined
    const text = JSON.stringify(orgs.save())
    writing = writing.then(async () => {
      const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '.'
      await Deno.mkdir(dir, { recursive: true })
      const temp = `${file}.${crypto.randomUUID()}.tmp`
      await Deno.writeTextFile(temp, text, { mode: 0o600 })
      await Deno.rename(temp, file)
    }).catch((error) => console.error(`vapi sandbox: saving ${file} failed:`, error))
  }
  orgs.onChange = () => {
    if (timer === undefined) timer = setTimeout(write, debounceMs)
  }
  return {
    async flush() {
      if (timer !== undefined) {
        clearTimeout(timer)
        write()
      }
      await writing
    },
  }
}
