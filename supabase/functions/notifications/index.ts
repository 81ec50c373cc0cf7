import notifications from './handler.ts'

Deno.serve(notifications.createHandler(notifications.createDeps()))
