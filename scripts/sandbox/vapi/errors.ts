/** Vapi's error body (NestJS): `{ message, error, statusCode }`. */
const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
}

export function vapiError(status: number, message: string | string[]): Response {
  return Response.json({ message, error: REASONS[status] ?? 'Error', statusCode: status }, { status })
}

/** Vapi's 404 for a resource of the organisation that does not exist (or belongs to another one). */
export function notFound(action: string, label: string, key: string): Response {
  return vapiError(404, `Couldn't ${action} ${label}. \`${key}\` Not Found.`)
}
