import { defineContract } from './route.ts'

/** The `files` function. */
export const filesContract = defineContract({
  name: 'files',
  summary: "A tenant's documents uploaded to Vapi for its knowledge bases",
  routes: {},
})
