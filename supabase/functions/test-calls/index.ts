import testCalls from './handler.ts'

Deno.serve(testCalls.createHandler(testCalls.createDeps()))
