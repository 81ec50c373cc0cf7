/** The `workflows` function (being built). */
import { workflowsContract } from '../../../shared/contracts/workflows.ts'
import { defineFunction } from '../_shared/function.ts'
import { voiceDeps } from '../_shared/voice.ts'

export default defineFunction({
  contract: workflowsContract,
  deps: voiceDeps,
  operations: {},
})
