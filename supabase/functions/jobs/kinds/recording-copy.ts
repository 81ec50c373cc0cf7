/**
 * `recording.copy`: copies a call's recording from Vapi's storage into ours (`recordings/<tenant>/<call>.<ext>`,
 * streamed, its content type kept), so playback, export and retention never depend on Vapi's URLs.
 *
 * Vapi's recording URLs may be presigned and expire: when the host answers that the object is gone or the
 * link no longer valid, the call is read again from Vapi (`GET /call/:id`, the tenant's key) for a fresh URL.
 * When that one is refused too, or Vapi has none, the copy fails for good (`recording_state = 'failed'` with
 * the reason in `recording_error`); other failures (5xx, network) are retried with the queue's backoff, the
 * last attempt failing the recording the same way.
 */
import type { Vapi } from '@vapi-ai/server-sdk'
import { GiveUp, type Job, shortError } from '../../_shared/jobs.ts'
import { recordingPath } from '../../_shared/storage.ts'
import { unlessGone } from '../../_shared/voice.ts'
import type { JobsDeps } from '../deps.ts'
import { jobTenant, jobVapi } from './tenant-vapi.ts'

/** The answers of a storage host whose link expired or whose object is gone (S3 and GCS say 400 or 403). */
const GONE = new Set([400, 401, 403, 404, 410])
const DOWNLOAD_TIMEOUT_MS = 5 * 60_000

const TYPES: Record<string, string> = {
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  webm: 'audio/webm',
  m4a: 'audio/mp4',
  flac: 'audio/flac',
}
const EXTENSIONS: Record<string, string> = {
  ...Object.fromEntries(Object.entries(TYPES).map(([ext, type]) => [type, ext])),
  'audio/x-wav': 'wav',
  'audio/wave': 'wav',
  'audio/mp3': 'mp3',
}

interface PendingRecording {
  vapi_call_id: string
  recording_source_url: string | null
}

export async function copyRecording(job: Job<'recording.copy'>, deps: JobsDeps): Promise<void> {
  const tenant = jobTenant(job)
  const callId = job.payload.call_id
  // Counted on the call; nothing to do once it was stored, deleted by retention, or the call erased.
  const [call] = await deps.db.asService((tx) =>
    tx<PendingRecording[]>`
      update public.calls set recording_attempts = recording_attempts + 1
      where tenant_id = ${tenant} and id = ${callId} and recording_state = 'pending'
      returning vapi_call_id, recording_source_url`
  )
  if (!call) return
  try {
    const source = await download(deps, tenant, callId, call)
    const path = recordingPath(tenant, callId, source.ext)
    await deps.store.put(path, source.body, source.contentType)
    const [stored] = await deps.db.asService((tx) =>
      tx`
        update public.calls
        set recording_state = 'stored', recording_path = ${path}, recording_content_type = ${source.contentType},
          recording_error = null
        where tenant_id = ${tenant} and id = ${callId} and recording_state = 'pending'
        returning id`
    )
    // Erased or expired while we copied: the copy must not outlive the call.
    if (!stored) await deps.store.delete(path)
  } catch (error) {
    if (error instanceof GiveUp || job.isLastAttempt) await failRecording(deps, tenant, callId, error)
    throw error
  }
}

interface Source {
  body: ReadableStream<Uint8Array>
  contentType: string
  ext: string
}

/** The recording's bytes as a stream, from the stored URL or, when it has expired, a fresh one. */
async function download(
  deps: JobsDeps,
  tenant: string,
  callId: string,
  call: PendingRecording,
): Promise<Source> {
  let url = call.recording_source_url
  let res = url ? await get(url) : null
  if (!res || GONE.has(res.status)) {
    await res?.body?.cancel()
    const fresh = await freshUrl(deps, tenant, call.vapi_call_id)
    if (!fresh) throw new GiveUp(`The recording is no longer available${res ? ` (${res.status})` : ''}`)
    if (fresh !== url) await saveSourceUrl(deps, tenant, callId, fresh)
    url = fresh
    res = await get(url)
    if (GONE.has(res.status)) {
      await res.body?.cancel()
      throw new GiveUp(`The recording is no longer available (${res.status})`)
    }
  }
  if (!res.ok || !res.body) {
    await res.body?.cancel()
    throw new Error(`The recording's host answered ${res.status}`)
  }
  return { body: res.body, ...format(res.headers.get('content-type'), url!) }
}

function get(url: string): Promise<Response> {
  return fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) })
}

/** The recording URL of the call as Vapi serves it now; null when Vapi has no such call or no recording. */
async function freshUrl(deps: JobsDeps, tenant: string, vapiCallId: string): Promise<string | null> {
  const vapi = await jobVapi(deps, tenant)
  if (!vapi) return null
  const call = await unlessGone('read the call', () => vapi.calls.get({ id: vapiCallId }))
  return call ? recordingUrl(call) : null
}

/** The mono recording, else the older field, else the stereo one (the webhook's order). */
function recordingUrl(call: Vapi.Call): string | null {
  const artifact = call.artifact as
    | { recording?: { mono?: { combinedUrl?: string }; stereoUrl?: string }; recordingUrl?: string }
    | undefined
  const url = artifact?.recording?.mono?.combinedUrl ?? artifact?.recordingUrl ??
    artifact?.recording?.stereoUrl
  return url && /^https?:\/\//.test(url) ? url : null
}

async function saveSourceUrl(deps: JobsDeps, tenant: string, callId: string, url: string): Promise<void> {
  await deps.db.asService((tx) =>
    tx`update public.calls set recording_source_url = ${url} where tenant_id = ${tenant} and id = ${callId}`
  )
}

/** The content type as served when it is audio, else the URL's extension's; wav when neither says. */
function format(served: string | null, url: string): { contentType: string; ext: string } {
  const type = served?.split(';')[0].trim().toLowerCase() ?? ''
  if (EXTENSIONS[type]) return { contentType: type, ext: EXTENSIONS[type] }
  const ext = /\.([a-z0-9]{1,10})$/i.exec(new URL(url).pathname)?.[1].toLowerCase() ?? ''
  if (TYPES[ext]) return { contentType: TYPES[ext], ext }
  const subtype = /^audio\/([a-z0-9]{1,10})$/.exec(type)?.[1]
  return subtype ? { contentType: type, ext: subtype } : { contentType: 'audio/wav', ext: 'wav' }
}

async function failRecording(deps: JobsDeps, tenant: string, callId: string, error: unknown): Promise<void> {
  await deps.db.asService((tx) =>
    tx`
      update public.calls set recording_state = 'failed', recording_error = ${shortError(error).slice(0, 500)}
      where tenant_id = ${tenant} and id = ${callId} and recording_state = 'pending'`
  )
}
