/**
 * SQLSTATE class 22, data exception: a value the column or the operation refuses (out of range, malformed,
 * unrepresentable). Always the request's fault, so a 400 wherever it surfaces, never a 500.
 */
export function isDataException(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code)
}
