/**
 * The one error type of the functions: every failure a caller should understand is an AppError with a stable
 * `code`, rendered as RFC 9457 problem+json by http.ts. Anything else becomes a generic 500.
 */
import type { FieldError } from '../../../shared/contracts/problem.ts'

export type { FieldError }

export interface AppErrorOptions {
  detail?: string
  errors?: FieldError[]
  headers?: Record<string, string>
}

export class AppError extends Error {
  override name = 'AppError'
  readonly detail?: string
  readonly errors?: FieldError[]
  readonly headers?: Record<string, string>

  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    options: AppErrorOptions = {},
  ) {
    super(options.detail ? `${title}: ${options.detail}` : title)
    this.detail = options.detail
    this.errors = options.errors
    this.headers = options.headers
  }
}

export class ValidationFailed extends AppError {
  constructor(errors: FieldError[], title = 'The request has invalid fields', status = 400) {
    super(status, 'validation_failed', title, { errors, detail: errors.map((e) => e.field).join(', ') })
  }
}

export class Unauthorized extends AppError {
  constructor(code: string, detail: string) {
    // RFC 6750: tell the client which scheme to use.
    super(401, code, 'Authentication required', {
      detail,
      headers: { 'www-authenticate': `Bearer error="invalid_token"` },
    })
  }
}

export class Forbidden extends AppError {
  constructor(code: string, detail: string) {
    super(403, code, 'Forbidden', { detail })
  }
}

export class NotFound extends AppError {
  constructor(code: string, detail: string) {
    super(404, code, 'Not found', { detail })
  }
}

export class Conflict extends AppError {
  constructor(code: string, detail: string) {
    super(409, code, 'Conflict', { detail })
  }
}

export class UnprocessableContent extends AppError {
  constructor(code: string, title: string, options?: AppErrorOptions) {
    super(422, code, title, options)
  }
}

export class UpstreamError extends AppError {
  constructor(code: string, detail: string, status = 502) {
    super(status, code, 'A provider could not be reached', { detail })
  }
}
