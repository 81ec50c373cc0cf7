/**
 * A request body read whole but never past a limit, for the functions, the gateway and the local auth: a
 * client that sends (or announces) more gets a 413 instead of filling the memory of the process it runs in.
 */

/** The body's bytes (empty when there is none), or 'too_large' once more than `maxBytes` arrive. */
export async function readBodyBytes(
  req: Request,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer> | 'too_large'> {
  if (Number(req.headers.get('content-length') ?? 0) > maxBytes) {
    await req.body?.cancel()
    return 'too_large'
  }
  if (!req.body) return new Uint8Array(0)
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = req.body.getReader()
  while (true) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.length
    if (size > maxBytes) {
      await reader.cancel()
      return 'too_large'
    }
    chunks.push(value)
  }
  const body = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    body.set(chunk, offset)
    offset += chunk.length
  }
  return body
}
