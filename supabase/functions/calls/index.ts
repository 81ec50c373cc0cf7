import calls from './handler.ts'

Deno.serve(calls.createHandler(calls.createDeps()))
