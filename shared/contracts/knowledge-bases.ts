import { defineContract } from './route.ts'

/** The `knowledge-bases` function. */
export const knowledgeBasesContract = defineContract({
  name: 'knowledge-bases',
  summary: "A tenant's Vapi knowledge bases and the files attached to them",
  routes: {},
})
