/**
 * The panel's controller: asks the server how to run the call, runs it (web SDK or simulated stream) and
 * feeds the reducer; ends the call and releases the Vapi instance when the panel unmounts.
 */
import { useCallback, useEffect, useReducer, useRef } from 'react'
import type { TestCall } from '@shared/contracts/test-calls.ts'
import { startTestCall } from '../api/start-test-call.ts'
import { classifyCallError } from './call-error.ts'
import { callReducer, initialCallState, isLive } from './call-state.ts'
import { type CallControls, checkMicrophone, followSimulatedCall, WebCalls } from './sessions.ts'

export function useTestCall(tenantId: string, assistantId: string) {
  const [state, dispatch] = useReducer(callReducer, initialCallState)
  const web = useRef<WebCalls | null>(null)
  // The call under way, and an attempt counter bumped by every start and stop, so a start that resolves
  // after the user gave up (or left) does nothing.
  const run = useRef<{ attempt: number; controls: CallControls | null }>({ attempt: 0, controls: null })

  useEffect(() => {
    const current = run.current
    const calls = new WebCalls(dispatch)
    web.current = calls
    return () => {
      halt(current)
      calls.dispose()
      web.current = null
    }
  }, [])

  const start = useCallback(async () => {
    const current = run.current
    const attempt = halt(current)
    dispatch({ type: 'start' })
    const stale = () => current.attempt !== attempt
    try {
      const plan: TestCall = await startTestCall(tenantId, { assistant_id: assistantId })
      if (stale()) return
      dispatch({ type: 'mode', mode: plan.mode })
      if (plan.mode === 'simulated') {
        current.controls = followSimulatedCall(plan.events_url, dispatch)
        return
      }
      await checkMicrophone()
      if (stale() || !web.current) return
      const started = await web.current.start(plan.public_key, plan.vapi_assistant_id)
      if (stale()) return started.stop()
      current.controls = started
    } catch (error) {
      if (!stale()) dispatch({ type: 'failed', error: classifyCallError(error) })
    }
  }, [tenantId, assistantId])

  const stop = useCallback(() => {
    halt(run.current)
    dispatch({ type: 'call-end' })
  }, [])

  const setMuted = useCallback((muted: boolean) => run.current.controls?.setMuted?.(muted), [])

  return { state, live: isLive(state.status), start, stop, setMuted }
}

/** Stops the call under way, if any, and starts a new attempt (returned). */
function halt(run: { attempt: number; controls: CallControls | null }): number {
  run.controls?.stop()
  run.controls = null
  return ++run.attempt
}
