/**
 * PGlite runs Postgres in WebAssembly, on the JavaScript engine's stack. Postgres guards its recursion with
 * check_stack_depth(), but compiled to WASM that measures only the shadow stack in linear memory, not the
 * engine's native stack that every WASM call uses: an input nested a few thousand levels deep (JSON, a
 * recursive PL/pgSQL function) overflows the native stack first, and V8 throws a RangeError through the
 * backend. Nothing in Postgres catches it (its PG_TRY blocks only see longjmps), and PGlite 0.5 swallows it
 * in its protocol loop as if the message had worked (an empty result, no error), leaving Postgres
 * mid-statement: error_context_stack and PG_exception_stack still point into the discarded frames, so the
 * next ERROR walks garbage or longjmps into a dead frame and loops forever, synchronously: every port of the
 * process, and its signal handlers, freeze until SIGKILL.
 *
 * Here the overflow becomes what native Postgres raises, `ERROR: stack depth limit exceeded` (SQLSTATE
 * 54001), raised where native Postgres would have caught it: at the innermost PG_TRY whose frame has stack
 * enough left to raise an error. PG_TRY frames call out through Emscripten's `invoke_*` trampolines (its
 * setjmp support); wrapped, they turn the RangeError into an ordinary ERROR longjmp with both pointers back
 * to what they were when the call began, so every enclosing PG_CATCH runs (a portal is marked failed, not
 * left active) and Postgres' own error recovery ends the statement. An overflow with no PG_TRY in between
 * is raised the same way from the top of PGlite's protocol loop.
 */
import type { Extension, PGlite } from '@electric-sql/pglite'

/** The part of PGlite's Emscripten module used here: PGlite keeps it protected (package.json pins 0.5.14). */
interface PostgresModule {
  _PostgresMainLoopOnce(): void
  _errstart(elevel: number, domain: number): boolean
  _errcode(sqlerrcode: number): number
  _errmsg_internal(fmt: number, varargs: number): number
  _errfinish(filename: number, lineno: number, funcname: number): void
  /** The addresses of the globals. */
  _error_context_stack: number
  _PG_exception_stack: number
  wasmMemory: WebAssembly.Memory
  stackSave(): number
  stackRestore(sp: number): void
  stringToUTF8OnStack(s: string): number
}

type Invoke = (...args: unknown[]) => unknown
interface Instantiate {
  (
    imports: { env: Record<string, unknown> },
    done: (instance: WebAssembly.Instance, module: unknown) => void,
  ): unknown
}

const ERROR = 21 // elog.h
const STATEMENT_TOO_COMPLEX = sqlstate('54001')
// JS frames a raise may take: errstart/errfinish, the error context callbacks, the longjmp. A deeper frame
// lets the overflow unwind further, to a PG_TRY with room.
const HEADROOM_FRAMES = 2000

/** A PGlite extension to pass to PGlite.create, then `attach` the database it created. */
export function stackOverflowGuard(): { extension: Extension; attach(db: PGlite): void } {
  let mod: PostgresModule | undefined
  let setThrew: (threw: number, value: number) => void
  let heap = new Int32Array(0)
  const globals = () => {
    if (heap.buffer !== mod!.wasmMemory.buffer) heap = new Int32Array(mod!.wasmMemory.buffer)
    return heap
  }
  const saveErrorState = () => {
    const h = globals()
    return [h[mod!._error_context_stack >> 2], h[mod!._PG_exception_stack >> 2]]
  }
  const restoreErrorState = ([errorContext, exceptionStack]: number[]) => {
    const h = globals()
    h[mod!._error_context_stack >> 2] = errorContext
    h[mod!._PG_exception_stack >> 2] = exceptionStack
  }
  const raise = () => {
    mod!._errstart(ERROR, 0)
    mod!._errcode(STATEMENT_TOO_COMPLEX)
    mod!._errmsg_internal(mod!.stringToUTF8OnStack('stack depth limit exceeded'), 0)
    mod!._errfinish(0, 0, 0) // longjmps: an exception, caught by the PG_TRY it targets
  }

  const guard = (invoke: Invoke): Invoke => (...args) => {
    if (!mod) return invoke(...args)
    const state = saveErrorState()
    try {
      return invoke(...args)
    } catch (error) {
      if (!(error instanceof RangeError) || !hasHeadroom()) throw error
      restoreErrorState(state)
      try {
        raise()
      } catch (jump) {
        // A longjmp to a PG_TRY is Emscripten's EmscriptenSjLj, which the trampoline turns into setThrew for
        // the WASM caller's setjmp; anything else (the main loop's exit(100)) goes on up.
        if (jump?.constructor?.name !== 'EmscriptenSjLj') throw jump
        setThrew(1, 0)
      }
    }
  }

  const extension: Extension = {
    name: 'stack overflow guard',
    setup: (_pg, emscriptenOpts) => {
      const instantiate = emscriptenOpts.instantiateWasm as Instantiate
      const instantiateWasm: Instantiate = (imports, done) => {
        for (const [name, value] of Object.entries(imports.env)) {
          if (name.startsWith('invoke_')) imports.env[name] = guard(value as Invoke)
        }
        return instantiate(imports, (instance, module) => {
          setThrew = instance.exports.setThrew as typeof setThrew
          done(instance, module)
        })
      }
      return Promise.resolve({ emscriptenOpts: { ...emscriptenOpts, instantiateWasm } })
    },
  }

  return {
    extension,
    attach(db) {
      mod = (db as unknown as { mod: PostgresModule }).mod
      const loopOnce = mod._PostgresMainLoopOnce
      mod._PostgresMainLoopOnce = () => {
        const sp = mod!.stackSave()
        const state = saveErrorState()
        try {
          loopOnce()
        } catch (error) {
          if (!(error instanceof RangeError)) throw error
          mod!.stackRestore(sp)
          restoreErrorState(state)
          raise() // into PGlite's own recovery for an ERROR at the top (exit(100), then PostgresMainLongJmp)
        }
      }
    },
  }
}

/** Whether HEADROOM_FRAMES more JS frames fit on the stack from here. */
function hasHeadroom(): boolean {
  try {
    return descend(HEADROOM_FRAMES)
  } catch (error) {
    if (error instanceof RangeError) return false
    throw error
  }
}

function descend(n: number): boolean {
  return n === 0 || descend(n - 1)
}

/** MAKE_SQLSTATE from elog.h: five characters, six bits each. */
function sqlstate(code: string): number {
  return [...code].reduce((n, c, i) => n + (((c.charCodeAt(0) - 48) & 0x3f) << (6 * i)), 0)
}
