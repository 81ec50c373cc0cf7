/** Vapi's error body (NestJS): `{ message, error, statusCode }`. */
const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
}

export function vapiError(status: number, message: string | string[]): Response {
  return Response.json({ message, error: REASONS[status] ?? 'Error', statusCode: status }, { status })
}
