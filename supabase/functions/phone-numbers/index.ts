import phoneNumbers from './handler.ts'

Deno.serve(phoneNumbers.createHandler(phoneNumbers.createDeps()))
