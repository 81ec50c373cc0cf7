/** GCS's two error shapes: the JSON API's `{ error: { code, message, errors[] } }`, XML for signed URLs. */

const REASONS: Record<number, string> = {
  400: 'invalid',
  404: 'notFound',
  412: 'conditionNotMet',
  503: 'backendError',
}

export function jsonError(status: number, message: string): Response {
  const reason = REASONS[status] ?? 'error'
  return Response.json(
    { error: { code: status, message, errors: [{ message, domain: 'global', reason }] } },
    { status },
  )
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;')

/** The XML API's error, as answered for a signed URL (`<Error><Code>ExpiredToken</Code>…`). */
export function xmlError(status: number, code: string, message: string, details?: string): Response {
  const body = `<?xml version='1.0' encoding='UTF-8'?><Error><Code>${code}</Code><Message>${
    escapeXml(message)
  }</Message>${details ? `<Details>${escapeXml(details)}</Details>` : ''}</Error>`
  return new Response(body, { status, headers: { 'content-type': 'application/xml; charset=UTF-8' } })
}
