/**
 * The local stand-in for pg_cron: `POST /functions/v1/jobs/run` through the gateway with the stack's
 * JOBS_SECRET, every INTERVAL_MS, one call at a time (the next is timed from the end of the last, so runs never
 * overlap). On Supabase pg_cron calls the same route every minute (docs/architecture.md#jobs).
 */
const INTERVAL_MS = 2500

export interface JobsTimer {
  /** Stops the timer and waits for a run in progress to end. */
  stop(): Promise<void>
}

export function startJobsTimer(apiUrl: string, secret: string, log: (line: string) => void): JobsTimer {
  let stopped = false
  let timer: ReturnType<typeof setTimeout> | undefined
  let running: Promise<void> = Promise.resolve()

  const tick = () => {
    running = runOnce(apiUrl, secret, log).finally(() => {
      if (!stopped) timer = setTimeout(tick, INTERVAL_MS)
    })
  }
  timer = setTimeout(tick, INTERVAL_MS)

  return {
    async stop() {
      stopped = true
      clearTimeout(timer)
      await running
    },
  }
}

async function runOnce(apiUrl: string, secret: string, log: (line: string) => void): Promise<void> {
  try {
    const res = await fetch(`${apiUrl}/functions/v1/jobs/run`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}` },
    })
    const body = await res.json().catch(() => null)
    if (!res.ok) log(`jobs: the run answered ${res.status}${body?.code ? ` ${body.code}` : ''}`)
    else if (body.ran > 0) log(`jobs: ran ${body.ran} (${body.succeeded} ok, ${body.failed} failed)`)
  } catch (error) {
    log(`jobs: the run failed: ${error instanceof Error ? error.message : error}`)
  }
}

/** The gateway's request log without the timer's routine calls (one every few seconds says nothing). */
export function withoutJobRuns(log: (line: string) => void): (line: string) => void {
  return (line) => {
    if (!/^POST \/functions\/v1\/jobs\/run 200 /.test(line)) log(line)
  }
}

/** A fresh secret per stack: nothing outside the process needs to know it. */
export function randomJobsSecret(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => b.toString(16).padStart(2, '0')).join(
    '',
  )
}
