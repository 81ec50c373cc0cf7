import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const here = fileURLToPath(new URL('.', import.meta.url))

/** Browser journeys in the system Chromium against a running stack (SPA_URL, SUPABASE_URL, SUPABASE_ANON_KEY). */
export default defineConfig({
  root: here,
  test: {
    name: 'e2e',
    root: here,
    include: ['e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 90_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
})
