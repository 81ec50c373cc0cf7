import webhooks from './handler.ts'

Deno.serve(webhooks.createHandler(webhooks.createDeps()))
