import knowledgeBases from './handler.ts'

Deno.serve(knowledgeBases.createHandler(knowledgeBases.createDeps()))
