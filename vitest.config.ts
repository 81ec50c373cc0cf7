import { defineConfig } from 'vitest/config'

// `npm test` runs these through scripts/run-tests.ts; the browser journeys have their own config
// (web/vitest.e2e.config.ts) because they need a running stack.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'shared', include: ['shared/**/*.test.ts'], environment: 'node' } },
      'web/vitest.config.ts',
    ],
  },
})
