/** The `test-calls` function (being built). */
import { testCallsContract } from '../../../shared/contracts/test-calls.ts'
import { defineFunction } from '../_shared/function.ts'
import { voiceDeps } from '../_shared/voice.ts'

export default defineFunction({
  contract: testCallsContract,
  deps: voiceDeps,
  operations: {},
})
