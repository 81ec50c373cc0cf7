/**
 * Test calls ("Talk to this assistant"): `POST /test-calls { assistant_id }` tells the page how to run a call
 * with one of the tenant's assistants. Normally the browser calls Vapi itself with `@vapi-ai/web` and the
 * tenant's public key (`web`); on the offline local stack (`VAPI_SIMULATED_CALLS=true`) the Vapi sandbox plays
 * the call with a scripted caller and the page follows its events (`simulated`). Reading an assistant is
 * enough (assistants.read): a test call changes nothing of the tenant's.
 */
import { type TestCall, testCallsContract } from '../../../shared/contracts/test-calls.ts'
import { openCredential } from '../_shared/credentials.ts'
import type { Tx } from '../_shared/db.ts'
import { Conflict, NotFound } from '../_shared/errors.ts'
import { defineFunction } from '../_shared/function.ts'
import { loadVapiEnv, VAPI_PROVIDERS, VapiNotConfigured } from '../_shared/vapi.ts'
import { loadTestCallEnv, playSimulatedCall } from './simulated.ts'

interface AssistantRow {
  id: string
  vapi_id: string
}

const ASSISTANT_COLUMNS = ['id', 'vapi_id'] as const satisfies readonly (keyof AssistantRow)[]

/** The tenant's assistant as the caller's RLS shows it; another tenant's answers 404 as a missing one. */
async function findAssistant(tx: Tx, tenant: string, id: string): Promise<AssistantRow> {
  const [row] = await tx<AssistantRow[]>`
    select ${tx(ASSISTANT_COLUMNS)} from public.assistants where tenant_id = ${tenant} and id = ${id}`
  if (!row) throw new NotFound('assistant_not_found', 'No assistant with this id in this business')
  return row
}

class VapiPublicKeyMissing extends Conflict {
  constructor() {
    super(
      'vapi_public_key_missing',
      'Add your Vapi public key in Settings → Integrations to talk to assistants',
    )
  }
}

export default defineFunction({
  contract: testCallsContract,
  deps: (_core, source) => ({
    testCalls: { ...loadTestCallEnv(source), vapiBaseUrl: loadVapiEnv(source).VAPI_BASE_URL },
  }),
  operations: {
    start: async ({ tx, tenant, input, deps }): Promise<TestCall> => {
      const assistant = await findAssistant(tx, tenant, input.body.assistant_id)
      // Both modes need the tenant's Vapi account: the assistant lives there.
      const apiKey = await openCredential(deps, tenant, VAPI_PROVIDERS.apiKey, tx)
      if (apiKey === null) throw new VapiNotConfigured()

      if (deps.testCalls.VAPI_SIMULATED_CALLS) {
        const played = await playSimulatedCall(deps.testCalls.vapiBaseUrl, apiKey, assistant.vapi_id)
        return { mode: 'simulated', call_id: played.callId, events_url: played.eventsUrl }
      }
      // Public by design (the browser holds it), opened as any credential: viewers may lack settings.read.
      const publicKey = await openCredential(deps, tenant, VAPI_PROVIDERS.publicKey, tx)
      if (publicKey === null) throw new VapiPublicKeyMissing()
      return { mode: 'web', public_key: publicKey, vapi_assistant_id: assistant.vapi_id }
    },
  },
})
