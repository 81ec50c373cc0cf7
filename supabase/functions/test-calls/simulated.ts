/**
 * Simulated test calls, for the offline local stack: the browser cannot reach Vapi's WebRTC there, so the
 * Vapi sandbox plays the call itself (the assistant's lines and a scripted caller's) through its
 * `POST /sandbox/calls`, authenticated with the tenant's private key as any Vapi request, and streams it as
 * Server-Sent Events the page follows. Switched on by `VAPI_SIMULATED_CALLS=true` (never in production).
 */
import { VapiError } from '@vapi-ai/server-sdk'
import { z } from 'zod'
import { type EnvSource, Flag, readEnv } from '../_shared/env.ts'
import { vapiCall } from '../_shared/voice.ts'

/** The test-calls slice of the environment. */
const TestCallEnvSchema = z.object({ VAPI_SIMULATED_CALLS: Flag(false) })
export type TestCallEnv = z.output<typeof TestCallEnvSchema>

export function loadTestCallEnv(source?: EnvSource): TestCallEnv {
  return readEnv(TestCallEnvSchema, source)
}

/** What the sandbox answers: the call it created, and where its events stream. */
const PlayedCall = z.object({ call: z.object({ id: z.string() }), eventsUrl: z.string().min(1) })

export interface SimulatedCall {
  callId: string
  eventsUrl: string
}

/** How long the sandbox may take to accept the call (it answers at once, then plays in the background). */
const TIMEOUT_MS = 10_000

/**
 * Asks the sandbox at `baseUrl` to play a web call with the assistant (`vapiAssistantId`) and its default
 * scripted caller. Refusals and outages become the kit's problems (vapi_rejected, vapi_key_invalid,
 * vapi_unreachable); the events URL is made absolute against `baseUrl`.
 */
export function playSimulatedCall(
  baseUrl: string,
  apiKey: string,
  vapiAssistantId: string,
): Promise<SimulatedCall> {
  return vapiCall('start the simulated call', async () => {
    let res: Response
    try {
      res = await fetch(`${baseUrl}/sandbox/calls`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ assistantId: vapiAssistantId, web: true }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      })
    } catch (cause) {
      // Refused connection or timeout: no status, which the kit reports as vapi_unreachable.
      throw new VapiError({ message: 'the Vapi sandbox could not be reached', cause })
    }
    const body: unknown = await res.json().catch(() => undefined)
    if (!res.ok) {
      throw new VapiError({ message: 'the Vapi sandbox refused the call', statusCode: res.status, body })
    }
    const played = PlayedCall.safeParse(body)
    if (!played.success) {
      throw new VapiError({ message: 'the Vapi sandbox answered unexpectedly', statusCode: 502, body })
    }
    return {
      callId: played.data.call.id,
      eventsUrl: new URL(played.data.eventsUrl, `${baseUrl}/`).href,
    }
  })
}
