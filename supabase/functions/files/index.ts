import files from './handler.ts'

Deno.serve(files.createHandler(files.createDeps()))
