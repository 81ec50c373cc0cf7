import jobs from './handler.ts'

Deno.serve(jobs.createHandler(jobs.createDeps()))
