/**
 * Errors in GoTrue's shape (`{ code, error_code, msg }`), which auth-js turns into AuthApiError with
 * `.code = error_code`; the api-version header is deliberately not echoed, so auth-js reads `error_code`.
 */
import { isDataException } from '../../shared/sqlstate.ts'

export class AuthError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message)
  }

  toResponse(): Response {
    return Response.json(
      { code: this.status, error_code: this.errorCode, msg: this.message, ...this.extra },
      {
        status: this.status,
      },
    )
  }
}

export const invalidCredentials = () => new AuthError(400, 'invalid_credentials', 'Invalid login credentials')

export const badEmail = () =>
  new AuthError(400, 'validation_failed', 'Unable to validate email address: invalid format')

export const weakPassword = () =>
  new AuthError(422, 'weak_password', 'Password should be at least 6 characters.', {
    weak_password: { reasons: ['length'] },
  })

// GoTrue's checkPasswordStrength: bcrypt reads only the first 72 bytes, so a longer password would let in
// every password sharing them. GoTrue counts bytes (Go's len) and says "characters".
export const MAX_PASSWORD_BYTES = 72

export const passwordTooLong = () =>
  new AuthError(400, 'validation_failed', `Password cannot be longer than ${MAX_PASSWORD_BYTES} characters`)

/**
 * A Postgres data exception (SQLSTATE class 22: a value the column type refuses) is the request's fault, not
 * the server's: a 400, never a 500. The database's message is not echoed, as it may quote the value.
 */
export function fromDataException(error: unknown): AuthError | undefined {
  if (!isDataException(error)) return undefined
  return new AuthError(
    400,
    'validation_failed',
    `Invalid input: the database refused a value (SQLSTATE ${(error as { code: string }).code})`,
  )
}

export const refreshTokenNotFound = () =>
  new AuthError(400, 'refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found')

export const refreshTokenAlreadyUsed = () =>
  new AuthError(400, 'refresh_token_already_used', 'Invalid Refresh Token: Already Used')
