/** The `phone-numbers` function (being built). */
import { phoneNumbersContract } from '../../../shared/contracts/phone-numbers.ts'
import { defineFunction } from '../_shared/function.ts'
import { voiceDeps } from '../_shared/voice.ts'

export default defineFunction({
  contract: phoneNumbersContract,
  deps: voiceDeps,
  operations: {},
})
