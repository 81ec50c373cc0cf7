import { type StartTestCallBody, testCallsContract } from '@shared/contracts/test-calls.ts'
import { callFunction } from '@/lib/functions.ts'

/**
 * Asks the server how to run a test call with an assistant (web SDK, or a simulated call offline). Not a
 * react-query mutation: each answer serves one call (a simulated call's events URL is single-use) and there
 * is no cache to update; the panel's controller (model/use-test-call.ts) runs it and reports its failure.
 */
export function startTestCall(tenantId: string, body: StartTestCallBody) {
  return callFunction(testCallsContract.routes.start, { tenantId, body })
}
