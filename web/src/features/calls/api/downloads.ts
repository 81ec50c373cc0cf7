/**
 * The two downloads: the filtered calls as CSV, and everything about one caller as a zip. Both are files, not
 * JSON, so they are fetched with the session's token (functionRequest) and saved from the blob, rather than
 * through supabase-js, which would read them as text.
 */
import { type CallFilters, callsContract } from '@shared/contracts/calls.ts'
import { functionRequest, problemFromResponse } from '@/lib/functions.ts'

const routes = callsContract.routes

/** The file's name from Content-Disposition when the server gave one, else ours. */
export function fileNameOf(response: Response, fallback: string): string {
  const disposition = response.headers.get('content-disposition') ?? ''
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition)
  if (star) return decodeURIComponent(star[1])
  const plain = /filename="?([^";]+)"?/i.exec(disposition)
  return plain?.[1] ?? fallback
}

/** Hands a blob to the browser as a download. */
export function saveBlob(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  // The click has started the download; give the browser a moment before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

async function download(response: Response, fallbackName: string): Promise<string> {
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => undefined)
    throw problemFromResponse(response.status, body, response.statusText)
  }
  const name = fileNameOf(response, fallbackName)
  saveBlob(await response.blob(), name)
  return name
}

function send(url: string, init: RequestInit): Promise<Response> {
  return fetch(url, init).catch(() => {
    throw problemFromResponse(0, undefined)
  })
}

/** GET /calls/export with the list's filters; resolves to the saved file's name. */
export async function downloadCallsCsv(tenantId: string, filters: CallFilters, today: string): Promise<string> {
  const { url, headers } = await functionRequest(routes.exportCalls, { tenantId, query: { ...filters } })
  const response = await send(url, { headers: { ...headers, accept: 'text/csv' } })
  return await download(response, `calls-${today}.csv`)
}

/** POST /calls/callers/export: a zip of the caller's calls (JSON) and recordings. */
export async function downloadCallerData(tenantId: string, number: string): Promise<string> {
  const { url, headers } = await functionRequest(routes.exportCaller, { tenantId })
  const response = await send(url, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json', accept: 'application/zip' },
    body: JSON.stringify({ number }),
  })
  return await download(response, `caller-${number.replace(/\W/g, '')}.zip`)
}
