/** The `files` function (being built). */
import { filesContract } from '../../../shared/contracts/files.ts'
import { defineFunction } from '../_shared/function.ts'
import { voiceDeps } from '../_shared/voice.ts'

export default defineFunction({
  contract: filesContract,
  deps: voiceDeps,
  operations: {},
})
