import assistants from './handler.ts'

Deno.serve(assistants.createHandler(assistants.createDeps()))
