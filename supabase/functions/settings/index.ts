import settings from './handler.ts'

Deno.serve(settings.createHandler(settings.createDeps()))
