/**
 * PGlite runs Postgres in WebAssembly, on the JavaScript engine's stack. Postgres guards its recursion with
 * check_stack_depth(), but compiled to WASM that measures only the shadow stack in linear memory, not the
 * engine's native stack that every WASM call uses: an input nested a few thousand levels deep (JSON, an
 * expression) overflows the native stack first, and V8 throws a RangeError through the backend. PGlite 0.5
 * catches it in its protocol loop and carries on as if the message had worked (an empty result, no error),
 * leaving Postgres mid-statement; error_context_stack still points into the discarded frames, so the next
 * ERROR walks garbage and loops forever, synchronously: every port of the process, and its signal
 * handlers, freeze until SIGKILL.
 *
 * Here the overflow becomes what native Postgres raises, `ERROR: stack depth limit exceeded` (SQLSTATE
 * 54001): raised from the shallow stack once the overflow has unwound, it longjmps into PGlite's own error
 * recovery, which aborts the transaction, resets the memory contexts and sends the client an ErrorResponse.
 */
import type { PGlite } from '@electric-sql/pglite'

/** The part of PGlite's Emscripten module used here: PGlite keeps it protected (package.json pins 0.5.14). */
interface PostgresModule {
  _PostgresMainLoopOnce(): void
  _errstart(elevel: number, domain: number): boolean
  _errcode(sqlerrcode: number): number
  _errmsg_internal(fmt: number, varargs: number): number
  _errfinish(filename: number, lineno: number, funcname: number): void
  /** The address of the global. */
  _error_context_stack: number
  setValue(ptr: number, value: number, type: 'i32'): void
  stackSave(): number
  stackRestore(sp: number): void
  stringToUTF8OnStack(s: string): number
}

const ERROR = 21 // elog.h
const STATEMENT_TOO_COMPLEX = sqlstate('54001')

export function raiseStackOverflowsAsErrors(db: PGlite): void {
  const mod = (db as unknown as { mod: PostgresModule }).mod
  const loopOnce = mod._PostgresMainLoopOnce
  mod._PostgresMainLoopOnce = () => {
    const sp = mod.stackSave()
    try {
      loopOnce()
    } catch (error) {
      if (!(error instanceof RangeError)) throw error
      mod.stackRestore(sp)
      // As PostgresMain's own recovery does first: the callbacks it points to lived in the discarded frames.
      mod.setValue(mod._error_context_stack, 0, 'i32')
      mod._errstart(ERROR, 0)
      mod._errcode(STATEMENT_TOO_COMPLEX)
      mod._errmsg_internal(mod.stringToUTF8OnStack('stack depth limit exceeded'), 0)
      mod._errfinish(0, 0, 0) // longjmps, as an exception, into PGlite's error recovery
    }
  }
}

/** MAKE_SQLSTATE from elog.h: five characters, six bits each. */
function sqlstate(code: string): number {
  return [...code].reduce((n, c, i) => n + (((c.charCodeAt(0) - 48) & 0x3f) << (6 * i)), 0)
}
