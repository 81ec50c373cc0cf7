/**
 * The API reference: the committed files are what the route tables generate now, the document is
 * structurally sound OpenAPI 3.1 (every route an operation, every path param declared, unique operationIds,
 * every $ref resolving), and the generator's rules (components, input/output variants, parameters, problems,
 * TypeScript types) hold on a route table of its own.
 */
import assert from 'node:assert/strict'
import { z } from 'zod'
import { CONTRACTS } from '../../shared/contracts/index.ts'
import { defineContract, isTenantRoute, successStatus } from '../../shared/contracts/route.ts'
import { Problem } from '../../shared/contracts/problem.ts'
import { generate, OUTPUTS } from './generate.ts'
import { markdown, renderHtml, rules } from './html.ts'
import { buildOpenApi, type Json, loadNamedSchemas, openApiPath, SCHEMA_PREFIX } from './openapi.ts'
import { tsDeclaration, tsType } from './typescript.ts'

const root = new URL('../../', import.meta.url)
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace']

function operationsOf(doc: Json): { path: string; method: string; op: Json }[] {
  return Object.entries(doc.paths as Record<string, Json>).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Json>)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => ({ path, method, op }))
  )
}

/** Resolves a local JSON pointer (`#/components/schemas/X`) in the document, or throws. */
function resolvePointer(doc: Json, ref: string): Json {
  assert.ok(ref.startsWith('#/'), `only local $refs are expected, got ${ref}`)
  let node = doc
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~')
    assert.ok(node !== null && typeof node === 'object' && key in node, `$ref ${ref} does not resolve`)
    node = node[key]
  }
  return node
}

function everyRef(value: Json, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => everyRef(item, found))
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string') found.push(item)
      else everyRef(item, found)
    }
  }
  return found
}

const committed = (path: string) => Deno.readTextFile(new URL(path, root)).catch(() => '(missing)')

Deno.test('docs: the committed API reference is what the route tables generate (run `npm run docs`)', async () => {
  const files = await generate()
  assert.deepEqual(Object.keys(files).sort(), Object.values(OUTPUTS).sort())
  for (const [path, content] of Object.entries(files)) {
    assert.ok(content.endsWith('\n'), `${path} ends with a newline`)
    assert.ok(
      (await committed(path)) === content,
      `${path} is stale: the route tables changed since it was generated. Run \`npm run docs\` and commit it.`,
    )
  }
})

Deno.test('docs: openapi.json is structurally valid OpenAPI 3.1 and covers every route', async () => {
  const doc = JSON.parse((await generate())[OUTPUTS.openapi])
  assert.match(doc.openapi, /^3\.1\.\d+$/)
  assert.ok(doc.info.title && doc.info.version, 'info has a title and a version')
  assert.equal(doc.jsonSchemaDialect, 'https://json-schema.org/draft/2020-12/schema')
  assert.match(doc.servers[0].url, /^\{supabase_url\}\/functions\/v1$/)
  assert.ok(doc.servers[0].variables.supabase_url.default, 'the server variable has a default')

  const ops = operationsOf(doc)
  const ids = ops.map(({ op }) => op.operationId)
  assert.equal(new Set(ids).size, ids.length, `operationIds are unique: ${ids.join(', ')}`)
  const tags = new Set(doc.tags.map((t: Json) => t.name))

  // Every route of every contract is one operation, where and as it is declared.
  const expected = CONTRACTS.flatMap((contract) =>
    Object.entries(contract.routes).map(([key, route]) => ({ contract, key, route }))
  )
  assert.equal(ops.length, expected.length, 'one operation per route entry')
  for (const { contract, key, route } of expected) {
    const id = `${contract.name}.${key}`
    const found = ops.find(({ op }) => op.operationId === id)
    assert.ok(found, `no operation ${id}`)
    assert.equal(found.path, openApiPath(contract, route), id)
    assert.equal(found.method, route.method.toLowerCase(), id)
    assert.deepEqual(found.op.tags, [contract.name], id)
    assert.equal(found.op.summary, route.summary, id)
    assert.equal(found.op['x-permission'], isTenantRoute(route) ? route.access : undefined, id)
    const status = String(successStatus(route))
    assert.ok(found.op.responses[status], `${id} documents its ${status}`)
    if (status === '204') {
      assert.equal(found.op.responses[status].content, undefined, `${id}: 204 has no body`)
    } else {
      const media = route.produces ?? 'application/json'
      assert.ok(found.op.responses[status].content[media].schema, `${id}: success schema as ${media}`)
    }
    assert.equal(Boolean(found.op.requestBody), Boolean(route.body || route.upload), `${id}: request body`)
    const declared = everyRef(found.op.parameters ?? []).includes('#/components/parameters/TenantId')
    assert.equal(declared, isTenantRoute(route), `${id}: x-tenant-id header on tenant routes only`)
    assert.deepEqual(
      found.op.security,
      route.access === 'public' || route.access === 'provider-signed' ? [] : [{ bearerAuth: [] }],
      `${id}: security`,
    )
    for (const problem of route.problems ?? []) {
      const codes = found.op.responses[problem.status]?.['x-problem-codes']?.map((c: Json) => c.code)
      assert.ok(codes?.includes(problem.code), `${id} documents ${problem.status} ${problem.code}`)
    }
  }

  for (const { path, method, op } of ops) {
    const where = `${method.toUpperCase()} ${path}`
    assert.ok(op.tags.every((t: string) => tags.has(t)), `${where}: its tag is declared`)
    assert.ok(op.responses && Object.keys(op.responses).length > 0, `${where} has responses`)
    assert.ok(Object.keys(op.responses).some((s) => /^2\d\d$/.test(s)), `${where} has a success response`)
    for (const [status, response] of Object.entries(op.responses as Record<string, Json>)) {
      assert.match(status, /^[1-5]\d\d$/, `${where}: status ${status}`)
      assert.ok(response.description, `${where} ${status} has a description`)
      if (Number(status) >= 400) {
        assert.deepEqual(response.content, {
          'application/problem+json': { schema: { $ref: `${SCHEMA_PREFIX}Problem` } },
        }, `${where} ${status} is a Problem`)
        assert.ok(response['x-problem-codes'].length > 0, `${where} ${status} lists its codes`)
      }
    }
    // Path params: every {name} of the path is a required path parameter, and no other is declared.
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort()
    const params = (op.parameters ?? []).map((p: Json) => p.$ref ? resolvePointer(doc, p.$ref) : p)
    const inPath = params.filter((p: Json) => p.in === 'path')
    assert.deepEqual(inPath.map((p: Json) => p.name).sort(), templated, `${where}: path params`)
    assert.ok(inPath.every((p: Json) => p.required === true), `${where}: path params are required`)
    const keys = params.map((p: Json) => `${p.in}:${p.name}`)
    assert.equal(new Set(keys).size, keys.length, `${where}: no parameter twice`)
    for (const p of params) assert.ok(p.schema, `${where}: parameter ${p.name} has a schema`)
  }

  for (const ref of everyRef(doc)) resolvePointer(doc, ref)
  assert.ok(doc.components.schemas.Problem, 'Problem is a component')
  assert.ok(
    JSON.stringify(doc).indexOf('"$schema"') === -1 && JSON.stringify(doc).indexOf('#/__') === -1,
    'no leftover $schema or provisional $ref',
  )
})

Deno.test('docs: the HTML reference is self-contained and shows every operation and schema', async () => {
  const files = await generate()
  const doc = JSON.parse(files[OUTPUTS.openapi])
  const html = files[OUTPUTS.html]
  assert.ok(html.startsWith('<!doctype html>'))
  assert.doesNotMatch(html, /<script|<link|<img|<iframe|\bsrc=|@import|url\(/i, 'nothing to fetch, no script')
  assert.doesNotMatch(html, /href="https?:/, 'no link leaves the page but openapi.json')
  assert.match(html, /href="\.\.\/openapi\.json"/)
  for (const { op } of operationsOf(doc)) assert.ok(html.includes(`id="${op.operationId}"`), op.operationId)
  for (const name of Object.keys(doc.components.schemas)) {
    assert.ok(html.includes(`id="schema-${name}"`), name)
  }
  // Every in-page link lands on an id of the page.
  const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]))
  for (const [, target] of html.matchAll(/href="#([^"]+)"/g)) assert.ok(ids.has(target), `#${target} exists`)
  assert.ok(html.includes('type VapiSettings = {'), 'shows the TypeScript types')
})

// The generator's rules, on a route table of its own.

const Item = z.object({ id: z.uuid(), label: z.string().max(20), note: z.string().nullable() })
const ItemBody = z.object({
  label: z.string().trim().min(1).max(20),
  color: z.enum(['red', 'blue']).default('red'),
})
const Color = z.enum(['red', 'blue'])
const Echo = z.object({ color: Color, count: z.number().int().min(0).default(1) })

const testContract = defineContract({
  name: 'things',
  summary: 'Things of a tenant',
  routes: {
    list: {
      method: 'GET',
      path: '/',
      summary: 'List things',
      access: 'assistants.read',
      query: z.object({ q: z.string().min(2).optional(), limit: z.coerce.number().int().max(10).default(5) }),
      response: z.object({ items: z.array(Item), next_cursor: z.string().nullable() }),
    },
    update: {
      method: 'PATCH',
      path: '/:id/parts/:part',
      summary: 'Update a thing',
      access: 'assistants.manage',
      params: z.object({ id: z.uuid(), part: z.string() }),
      body: ItemBody.partial(),
      response: Item,
      problems: [{ status: 409, code: 'thing_busy', description: 'Someone else is editing it' }],
    },
    remove: {
      method: 'DELETE',
      path: '/:id',
      summary: 'Delete a thing',
      access: 'assistants.manage',
      params: z.object({ id: z.uuid() }),
      response: null,
    },
    echo: {
      method: 'POST',
      path: '/echo',
      summary: 'Echo',
      access: 'public',
      body: Echo,
      response: Echo,
      status: 201,
    },
    download: {
      method: 'GET',
      path: '/export',
      summary: 'Things as CSV',
      access: 'assistants.read',
      response: z.string().describe('text/csv'),
      produces: 'text/csv',
    },
    hook: {
      method: 'POST',
      path: '/hook',
      summary: 'A provider event',
      access: 'provider-signed',
      body: z.object({ event: z.string() }),
      response: null,
    },
  },
})

function testDocument() {
  return buildOpenApi({
    contracts: [testContract],
    named: new Map<string, z.ZodType>([['Item', Item], ['Echo', Echo], ['Color', Color], [
      'Problem',
      Problem,
    ]]),
    version: '9.9.9',
  })
}

Deno.test('openapi: paths, params, query parameters and access', () => {
  const doc = testDocument()
  const update = doc.paths['/things/{id}/parts/{part}'].patch
  assert.equal(update.operationId, 'things.update')
  assert.equal(update['x-permission'], 'assistants.manage')
  assert.match(update.description, /`assistants\.manage` permission/)
  assert.deepEqual(update.parameters.map((p: Json) => p.$ref ?? `${p.in}:${p.name}:${p.required}`), [
    '#/components/parameters/TenantId',
    'path:id:true',
    'path:part:true',
  ])
  assert.equal(update.parameters[1].schema.format, 'uuid')

  const list = doc.paths['/things'].get
  const [q, limit] = list.parameters.slice(1)
  assert.deepEqual([q.name, q.in, q.required, q.schema.minLength], ['q', 'query', false, 2])
  assert.deepEqual([limit.required, limit.schema.default, limit.schema.maximum], [false, 5, 10])
  assert.equal(limit.schema.minimum, undefined, 'no safe-integer bounds')

  const hook = doc.paths['/things/hook'].post
  assert.deepEqual(hook.security, [])
  assert.equal(hook['x-access'], 'provider-signed')
  assert.deepEqual(Object.keys(hook.responses), ['204', '400', '401', '413', '500'])
  assert.deepEqual(hook.responses['401']['x-problem-codes'].map((c: Json) => c.code), ['invalid_signature'])

  const echo = doc.paths['/things/echo'].post
  assert.deepEqual(echo.security, [])
  assert.ok(echo.responses['201'] && !echo.responses['200'])
  assert.ok(!echo.responses['401'] && !echo.responses['403'], 'public: no token problems')
})

Deno.test('openapi: success and problem responses', () => {
  const doc = testDocument()
  const update = doc.paths['/things/{id}/parts/{part}'].patch
  const codes = (status: number) => update.responses[status]['x-problem-codes'].map((c: Json) => c.code)
  assert.deepEqual(Object.keys(update.responses), [
    '200',
    '400',
    '401',
    '403',
    '404',
    '409',
    '413',
    '415',
    '500',
    '503',
  ])
  assert.deepEqual(codes(400), ['tenant_header_invalid', 'malformed_json', 'validation_failed'])
  assert.deepEqual(codes(401), [
    'missing_token',
    'malformed_token',
    'user_required',
    'invalid_signature',
    'token_expired',
    'invalid_token',
  ])
  assert.deepEqual(codes(404), ['tenant_not_found'])
  assert.deepEqual(codes(409), ['thing_busy'])
  assert.match(update.responses[409].description, /- `thing_busy`: Someone else is editing it/)

  const remove = doc.paths['/things/{id}'].delete
  assert.deepEqual(remove.responses['204'], { description: 'No Content' })
  assert.deepEqual(
    remove.responses['500']['x-problem-codes'].map((c: Json) => c.code),
    ['internal_error'],
    'a 204 route has no response to break',
  )
  assert.equal(remove.responses['413'], undefined, 'no body, no 413')
})

Deno.test('openapi: a download is documented under its media type, with no contract check', () => {
  const download = testDocument().paths['/things/export'].get
  assert.deepEqual(Object.keys(download.responses['200'].content), ['text/csv'])
  assert.equal(download.responses['200'].content['text/csv'].schema.type, 'string')
  assert.deepEqual(download.responses['500']['x-problem-codes'].map((c: Json) => c.code), ['internal_error'])
})

Deno.test('openapi: named schemas become components, per direction when input and output differ', () => {
  const doc = testDocument()
  const schemas = doc.components.schemas
  // Echo is both a request (count optional: it has a default) and a response (count always there).
  assert.deepEqual(doc.paths['/things/echo'].post.requestBody.content['application/json'].schema, {
    $ref: `${SCHEMA_PREFIX}EchoInput`,
  })
  assert.deepEqual(doc.paths['/things/echo'].post.responses['201'].content['application/json'].schema, {
    $ref: `${SCHEMA_PREFIX}Echo`,
  })
  assert.deepEqual(schemas.EchoInput.required, ['color'])
  assert.deepEqual(schemas.Echo.required, ['color', 'count'])
  // Color is the same both ways: one component, referenced from both.
  assert.deepEqual(schemas.Echo.properties.color, { $ref: `${SCHEMA_PREFIX}Color` })
  assert.deepEqual(schemas.EchoInput.properties.color, { $ref: `${SCHEMA_PREFIX}Color` })
  assert.equal(schemas.ColorInput, undefined)
  // An unnamed schema used once is inlined; a named one inside it is referenced.
  const listSchema = doc.paths['/things'].get.responses['200'].content['application/json'].schema
  assert.deepEqual(listSchema.properties.items.items, { $ref: `${SCHEMA_PREFIX}Item` })
  // A body whose fields are all optional is still a required object.
  const body = doc.paths['/things/{id}/parts/{part}'].patch.requestBody
  assert.equal(body.required, true)
  assert.equal(body.content['application/json'].schema.type, 'object')
  assert.deepEqual(Object.keys(schemas).sort(), ['Color', 'Echo', 'EchoInput', 'Item', 'Problem'])
  for (const ref of everyRef(doc)) resolvePointer(doc, ref)
})

Deno.test('openapi: shared/contracts exports each schema under one name', async () => {
  const named = await loadNamedSchemas()
  for (const name of ['Problem', 'FieldError', 'VapiSettings', 'Tenant', 'CreateTenantBody']) {
    assert.ok(named.has(name), name)
  }
})

Deno.test('typescript: JSON Schema printed as TypeScript', () => {
  assert.equal(tsType({ type: 'string' }), 'string')
  assert.equal(tsType({ type: ['string', 'null'] }), 'string | null')
  assert.equal(tsType({ type: 'integer' }), 'number')
  assert.equal(tsType({ enum: ['a', 'b'] }), '"a" | "b"')
  assert.equal(tsType({ const: 3 }), '3')
  assert.equal(tsType({ anyOf: [{ $ref: '#/components/schemas/Item' }, { type: 'null' }] }), 'Item | null')
  assert.equal(tsType({ type: 'array', items: { type: ['string', 'null'] } }), '(string | null)[]')
  assert.equal(
    tsType({ type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }] }),
    '[string, number]',
  )
  assert.equal(tsType({ type: 'object', additionalProperties: { type: 'number' } }), 'Record<string, number>')
  assert.equal(tsType({}), 'unknown')
  assert.equal(
    tsDeclaration('Thing', {
      type: 'object',
      description: 'A thing',
      properties: {
        id: { type: 'string' },
        'odd-key': { type: 'boolean', description: 'Odd' },
        tags: { type: 'array', items: { $ref: '#/components/schemas/Tag' } },
        nested: { type: 'object', properties: { n: { type: 'number' } }, required: ['n'] },
      },
      required: ['id', 'tags'],
    }),
    [
      '/** A thing */',
      'type Thing = {',
      '  id: string',
      '  /** Odd */',
      '  "odd-key"?: boolean',
      '  tags: Tag[]',
      '  nested?: {',
      '    n: number',
      '  }',
      '}',
    ].join('\n'),
  )
  const long = Array.from({ length: 12 }, (_, i) => `value_${i}`)
  assert.equal(
    tsDeclaration('Long', { type: 'string', enum: long }),
    `type Long =\n${long.map((v) => `  | "${v}"`).join('\n')}`,
  )
  // References can be rendered as links, everything else escaped.
  assert.equal(
    tsType({ type: 'array', items: { $ref: '#/components/schemas/A' } }, {
      text: (t) => t.replaceAll('[', '&#91;'),
      ref: (name) => `<${name}>`,
    }),
    '<A>&#91;]',
  )
})

Deno.test('html: markdown subset and validation rules', () => {
  assert.equal(
    markdown('A `x<y>` **b** [c](#d)'),
    '<p>A <code>x&lt;y&gt;</code> <strong>b</strong> <a href="#d">c</a></p>',
  )
  assert.equal(markdown('Intro:\n- one\n- two'), '<p>Intro:</p>\n<ul><li>one</li><li>two</li></ul>')
  assert.equal(markdown('## Errors', 2, 'overview-'), '<h2 id="overview-errors">Errors</h2>')
  assert.deepEqual(rules({ type: 'string', minLength: 1, maxLength: 120 }), ['1–120 characters'])
  assert.deepEqual(rules({ type: 'integer', minimum: 1, maximum: 100, default: 50 }), [
    '1 to 100',
    'integer',
    'default <code>50</code>',
  ])
  assert.deepEqual(rules({ type: 'string', format: 'uuid', pattern: '^[0-9a-f-]+$' }), [
    'format <code>uuid</code>',
  ])
  assert.deepEqual(rules({ type: 'string', enum: ['en', 'fr'] }), [
    'one of <code>&quot;en&quot;</code>, <code>&quot;fr&quot;</code>',
  ])
  const page = renderHtml(testDocument())
  assert.ok(page.includes('id="things.update"') && page.includes('thing_busy'))
})
