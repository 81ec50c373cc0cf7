/**
 * The `test-calls` function: "Talk to this assistant" from the browser. The answer tells the page how to run
 * the call: with Vapi's web SDK and the tenant's public key, or (on the offline local stack, where the browser
 * cannot reach Vapi's WebRTC) by following a simulated call played by the sandbox as Server-Sent Events.
 */
import { z } from 'zod'
import { defineContract } from './route.ts'
import { VAPI_PROBLEMS } from './vapi.ts'

export const StartTestCallBody = z.object({
  assistant_id: z.uuid().describe('Our id of the assistant to talk to'),
})
export type StartTestCallBody = z.infer<typeof StartTestCallBody>

/** A real call: the page starts it itself with `@vapi-ai/web` (`new Vapi(public_key).start(vapi_assistant_id)`). */
export const WebTestCall = z.object({
  mode: z.literal('web'),
  public_key: z.string().describe(
    "The tenant's Vapi public key (public by design: the browser SDK needs it)",
  ),
  vapi_assistant_id: z.string().describe("The assistant's id in Vapi"),
})
export type WebTestCall = z.infer<typeof WebTestCall>

/** An offline call the sandbox plays with a scripted caller; the page follows it at `events_url`. */
export const SimulatedTestCall = z.object({
  mode: z.literal('simulated'),
  call_id: z.string().describe("The call's id in Vapi (the sandbox)"),
  events_url: z.url().describe(
    "A capability URL streaming the call's events as Server-Sent Events named as the web SDK names them " +
      '(call-start, message, volume-level, speech-start, speech-end, call-end, error)',
  ),
})
export type SimulatedTestCall = z.infer<typeof SimulatedTestCall>

export const TestCall = z.discriminatedUnion('mode', [WebTestCall, SimulatedTestCall])
export type TestCall = z.infer<typeof TestCall>

export const testCallsContract = defineContract({
  name: 'test-calls',
  summary: 'Test calls with an assistant from the browser (Vapi web calls, or a simulated call offline)',
  routes: {
    start: {
      method: 'POST',
      path: '/',
      summary: 'Prepare a test call with an assistant',
      description:
        "Answers how the browser runs the call: `web` (Vapi web SDK with the tenant's public key) or, " +
        'on an offline stack, `simulated` (a call the Vapi sandbox plays, followed at `events_url`).',
      access: 'assistants.read',
      body: StartTestCallBody,
      response: TestCall,
      problems: [
        { status: 404, code: 'assistant_not_found', description: 'No such assistant in this tenant' },
        ...VAPI_PROBLEMS,
        {
          status: 409,
          code: 'vapi_public_key_missing',
          description: 'The tenant has no Vapi public key, which the browser needs for web calls',
        },
      ],
    },
  },
})
