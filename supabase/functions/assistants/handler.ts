/** The `assistants` function (being built). */
import { assistantsContract } from '../../../shared/contracts/assistants.ts'
import { defineFunction } from '../_shared/function.ts'
import { voiceDeps } from '../_shared/voice.ts'

export default defineFunction({
  contract: assistantsContract,
  deps: voiceDeps,
  operations: {},
})
