/**
 * Errors in GoTrue's shape (`{ code, error_code, msg }`), which auth-js turns into AuthApiError with
 * `.code = error_code`; the api-version header is deliberately not echoed, so auth-js reads `error_code`.
 */
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

export const refreshTokenNotFound = () =>
  new AuthError(400, 'refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found')

export const refreshTokenAlreadyUsed = () =>
  new AuthError(400, 'refresh_token_already_used', 'Invalid Refresh Token: Already Used')
