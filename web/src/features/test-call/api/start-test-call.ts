import { useMutation } from '@tanstack/react-query'
import { type StartTestCallBody, type TestCall, testCallsContract } from '@shared/contracts/test-calls.ts'
import { callFunction } from '@/lib/functions.ts'
import type { MutationOptions } from '@/lib/mutation.ts'

/** Asks the server how to run a test call with an assistant (web SDK, or a simulated call offline). */
export function startTestCall(tenantId: string, body: StartTestCallBody) {
  return callFunction(testCallsContract.routes.start, { tenantId, body })
}

/** Nothing is cached: each answer is for one call (a simulated call's events URL is single-use). */
export function useStartTestCall(
  tenantId: string,
  options: MutationOptions<TestCall, StartTestCallBody> = {},
) {
  return useMutation({ ...options, mutationFn: (body) => startTestCall(tenantId, body) })
}
