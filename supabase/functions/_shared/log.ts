/**
 * Structured logs: one JSON object per line, as Supabase's function logs index them. Callers pass only what
 * is safe to keep (ids, codes, counts): never a request body, a header, a token or a secret.
 */
export type LogLevel = 'info' | 'warn' | 'error'

export type LogValue = string | number | boolean | null | undefined | LogFields

export interface LogFields {
  [key: string]: LogValue
}

export interface Logger {
  info(event: string, fields?: LogFields): void
  warn(event: string, fields?: LogFields): void
  error(event: string, fields?: LogFields): void
}

export type LogSink = (level: LogLevel, line: string) => void

const consoleSink: LogSink = (level, line) => {
  if (level === 'error') console.error(line)
  else if (level === 'warn') console.warn(line)
  else console.log(line)
}

export function createLogger(sink: LogSink = consoleSink): Logger {
  const write = (level: LogLevel) => (event: string, fields: LogFields = {}) =>
    sink(level, JSON.stringify({ level, event, time: new Date().toISOString(), ...fields }))
  return { info: write('info'), warn: write('warn'), error: write('error') }
}

/** Only the name, message and Postgres code of an error: its other properties may hold query parameters. */
export function errorFields(error: unknown): LogFields {
  if (!(error instanceof Error)) return { error: 'non-error thrown' }
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined
  return { error: error.name, message: error.message, code }
}
