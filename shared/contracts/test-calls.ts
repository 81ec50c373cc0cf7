import { defineContract } from './route.ts'

/** The `test-calls` function. */
export const testCallsContract = defineContract({
  name: 'test-calls',
  summary: 'Test calls with an assistant from the browser (Vapi web calls, or a simulated call offline)',
  routes: {},
})
