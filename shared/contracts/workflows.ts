import { defineContract } from './route.ts'

/** The `workflows` function. */
export const workflowsContract = defineContract({
  name: 'workflows',
  summary: "A tenant's workflows: ordered steps compiled to a Vapi squad",
  routes: {},
})
