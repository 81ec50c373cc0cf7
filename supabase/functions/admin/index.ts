import admin from './handler.ts'

Deno.serve(admin.createHandler(admin.createDeps()))
