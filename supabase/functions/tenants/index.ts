import tenants from './handler.ts'

Deno.serve(tenants.createHandler(tenants.createDeps()))
