/** The `knowledge-bases` function (being built). */
import { knowledgeBasesContract } from '../../../shared/contracts/knowledge-bases.ts'
import { defineFunction } from '../_shared/function.ts'
import { voiceDeps } from '../_shared/voice.ts'

export default defineFunction({
  contract: knowledgeBasesContract,
  deps: voiceDeps,
  operations: {},
})
