/** The `admin` function (being built). */
import { adminContract } from '../../../shared/contracts/admin.ts'
import { defineFunction } from '../_shared/function.ts'
import { voiceDeps } from '../_shared/voice.ts'

export default defineFunction({
  contract: adminContract,
  deps: voiceDeps,
  operations: {},
})
