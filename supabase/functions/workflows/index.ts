import workflows from './handler.ts'

Deno.serve(workflows.createHandler(workflows.createDeps()))
