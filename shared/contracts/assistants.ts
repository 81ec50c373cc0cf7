import { defineContract } from './route.ts'

/** The `assistants` function. */
export const assistantsContract = defineContract({
  name: 'assistants',
  summary: "A tenant's Vapi assistants: CRUD, activation on its numbers, import from Vapi and drift",
  routes: {},
})
