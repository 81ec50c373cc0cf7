/**
 * Request validation against Vapi's own contract (docs/specs/vapi-openapi.subset.json), answering what Vapi's
 * NestJS ValidationPipe answers: class-validator messages naming each property, and `property x should not
 * exist` for anything the DTO does not declare (Vapi validates with `whitelist` and `forbidNonWhitelisted`).
 *
 * The document is OpenAPI 3.0, so its schemas are converted for ajv first: `nullable`, `discriminator`
 * (to an if/then per value, so only the chosen branch reports), `oneOf` (a discriminator is inferred when
 * every branch pins one property to its own value, as `provider` in models and voices; else `anyOf`, since
 * NestJS accepts a body any branch accepts), `$ref` with siblings, and the few schemas the generator got wrong
 * (`type: array` or `type: object` with a string `enum`). An optional property may be null, as with
 * class-validator's `@IsOptional()`.
 */
import AjvModule, { type ErrorObject, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { SUBSET_FILE } from './extract-spec.ts'

// ajv and ajv-formats are CommonJS: their default export is the module object under Deno.
const Ajv = AjvModule as unknown as typeof AjvModule.default
type Ajv = InstanceType<typeof Ajv>
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default

type Schema = Record<string, unknown>

const PREFIX = '#/components/schemas/'
const DOC_ID = 'vapi'

interface Spec {
  paths: Record<string, Record<string, Schema>>
  components: { schemas: Record<string, Schema> }
}

let spec: Spec | undefined
function loadSpec(): Spec {
  spec ??= JSON.parse(Deno.readTextFileSync(SUBSET_FILE)) as Spec
  return spec
}

/** Converts one OpenAPI 3.0 schema (recursively) to a JSON Schema ajv understands. */
export function convertSchema(
  node: unknown,
  schemas: Record<string, Schema>,
  forbidUnknown: boolean,
): unknown {
  if (Array.isArray(node)) return node.map((item) => convertSchema(item, schemas, forbidUnknown))
  if (!node || typeof node !== 'object') return node
  const source = node as Schema
  const out: Schema = {}
  for (const [key, value] of Object.entries(source)) {
    if (
      ['description', 'example', 'examples', 'title', 'deprecated', 'nullable', 'discriminator'].includes(key)
    ) {
      continue
    }
    if (key === '$ref' && typeof value === 'string') {
      out.$ref = value.startsWith(PREFIX)
        ? `${DOC_ID}#/components/schemas/${value.slice(PREFIX.length)}`
        : value
      continue
    }
    if (key === 'properties' && value && typeof value === 'object') {
      // class-validator's @IsOptional() lets null through as well as undefined.
      const required = (source.required as string[] | undefined) ?? []
      out.properties = Object.fromEntries(
        Object.entries(value).map(([name, sub]) => {
          const converted = convertSchema(sub, schemas, forbidUnknown) as Schema
          return [name, required.includes(name) ? converted : nullable(converted)]
        }),
      )
      continue
    }
    // Values, not schemas: copied as they are.
    out[key] = ['default', 'enum', 'const'].includes(key)
      ? value
      : convertSchema(value, schemas, forbidUnknown)
  }
  if (Array.isArray(out.enum) && out.enum.length === 0) delete out.enum

  // Generator mistakes: an array "of an enum" and an object "with an enum".
  if (out.type === 'array' && Array.isArray(out.enum)) {
    out.items = { enum: out.enum }
    delete out.enum
  }
  if (out.type === 'object' && Array.isArray(out.enum)) delete out.type
  if (out.format === 'binary') delete out.format

  if (Array.isArray(source.oneOf)) {
    delete out.oneOf
    const branches = source.oneOf as Schema[]
    const discriminator =
      (source.discriminator as { propertyName: string; mapping?: Record<string, string> }) ??
        inferDiscriminator(branches, schemas)
    if (discriminator) {
      const mapping = discriminator.mapping ?? mappingOf(branches, discriminator.propertyName, schemas)
      if (mapping) {
        const prop = discriminator.propertyName
        const values = Object.keys(mapping)
        out.type = 'object'
        out.required = [...new Set([...(out.required as string[] ?? []), prop])]
        out.properties = { ...(out.properties as Schema ?? {}), [prop]: { enum: values } }
        out.allOf = [
          ...(out.allOf as Schema[] ?? []),
          ...values.map((value) => ({
            if: { properties: { [prop]: { const: value } }, required: [prop] },
            then: convertSchema({ $ref: mapping[value] }, schemas, forbidUnknown),
          })),
        ]
      } else out.anyOf = convertSchema(branches, schemas, forbidUnknown)
    } else out.anyOf = convertSchema(branches, schemas, forbidUnknown)
  }

  if (
    forbidUnknown && out.properties && out.additionalProperties === undefined &&
    (out.type === 'object' || out.type === undefined) && !Array.isArray(source.oneOf)
  ) {
    out.additionalProperties = false
  }

  // `$ref` with siblings: keep both (draft-07 would ignore the siblings).
  if (out.$ref && Object.keys(out).length > 1) {
    const ref = out.$ref
    delete out.$ref
    out.allOf = [...(out.allOf as Schema[] ?? []), { $ref: ref }]
  }

  return source.nullable === true ? nullable(out) : out
}

/** `schema` or null: a union of types where it has one (cheap), else an anyOf marked for messages(). */
function nullable(schema: Schema): Schema {
  if (schema['x-nullable'] || (Array.isArray(schema.type) && schema.type.includes('null'))) return schema
  if (typeof schema.type === 'string') {
    return {
      ...schema,
      type: [schema.type, 'null'],
      ...(Array.isArray(schema.enum) ? { enum: [...schema.enum, null] } : {}),
    }
  }
  return { anyOf: [{ type: 'null' }, schema], 'x-nullable': true }
}

function resolve(schema: Schema, schemas: Record<string, Schema>): Schema {
  let current = schema
  for (let i = 0; i < 10 && typeof current.$ref === 'string'; i++) {
    current = schemas[(current.$ref as string).slice(PREFIX.length)] ?? {}
  }
  if (!current.properties && Array.isArray(current.allOf) && current.allOf.length === 1) {
    return resolve(current.allOf[0] as Schema, schemas)
  }
  return current
}

/** The single value a branch pins `prop` to, if any. */
function pinned(branch: Schema, prop: string, schemas: Record<string, Schema>): string | undefined {
  const target = resolve(branch, schemas)
  const property = (target.properties as Record<string, Schema> | undefined)?.[prop]
  const values = property?.enum ?? (property?.const !== undefined ? [property.const] : undefined)
  return Array.isArray(values) && values.length === 1 && typeof values[0] === 'string' ? values[0] : undefined
}

function inferDiscriminator(branches: Schema[], schemas: Record<string, Schema>) {
  if (branches.length < 2 || !branches.every((b) => typeof b.$ref === 'string')) return undefined
  const first = resolve(branches[0], schemas)
  for (const prop of Object.keys((first.properties as Schema | undefined) ?? {})) {
    if (mappingOf(branches, prop, schemas)) return { propertyName: prop }
  }
  return undefined
}

function mappingOf(branches: Schema[], prop: string, schemas: Record<string, Schema>) {
  const mapping: Record<string, string> = {}
  for (const branch of branches) {
    const value = pinned(branch, prop, schemas)
    if (value === undefined || value in mapping || typeof branch.$ref !== 'string') return undefined
    mapping[value] = branch.$ref as string
  }
  return mapping
}

function createAjv(forbidUnknown: boolean): Ajv {
  const { components } = loadSpec()
  const ajv = new Ajv({ strict: false, allErrors: true, verbose: true, logger: false, inlineRefs: false })
  addFormats(ajv)
  ajv.addSchema(
    {
      $id: DOC_ID,
      components: { schemas: convertSchema(components.schemas, components.schemas, forbidUnknown) },
    },
  )
  return ajv
}

const ajvs = new Map<boolean, Ajv>()
const compiled = new Map<string, ValidateFunction>()

function validatorFor(key: string, schema: unknown, forbidUnknown: boolean): ValidateFunction {
  const cacheKey = `${forbidUnknown}:${key}`
  let validate = compiled.get(cacheKey)
  if (validate === undefined) {
    let ajv = ajvs.get(forbidUnknown)
    if (!ajv) ajvs.set(forbidUnknown, ajv = createAjv(forbidUnknown))
    validate = ajv.compile(convertSchema(schema, loadSpec().components.schemas, forbidUnknown) as Schema)
    compiled.set(cacheKey, validate)
  }
  return validate
}

/**
 * Validates a request body against the operation's schema (`method` and OpenAPI `path`, e.g.
 * `post`, `/assistant`): the class-validator messages, empty when the body is valid.
 */
export function validateBody(method: string, path: string, body: unknown): string[] {
  const operation = loadSpec().paths[path]?.[method]
  if (!operation) throw new Error(`no ${method.toUpperCase()} ${path} in the Vapi subset`)
  const content = (operation.requestBody as { content?: Record<string, { schema: unknown }> } | undefined)
    ?.content
  const schema = content?.['application/json']?.schema ?? content?.['multipart/form-data']?.schema
  if (!schema) return []
  const validate = validatorFor(`${method} ${path}`, schema, true)
  return validate(body) ? [] : messages(validate.errors ?? [])
}

/**
 * Compiles every request validator now. Compiling the assistant's schema takes seconds of CPU; done at
 * start, it does not stall the event loop later, in the middle of requests (the local stack serves the
 * database, the gateway and the sandbox from one process).
 */
export function warmValidators(): void {
  for (const [path, item] of Object.entries(loadSpec().paths)) {
    for (const method of Object.keys(item)) validateBody(method, path, {})
  }
  for (const name of ['CreateWebhookCredentialDTO', 'CreateAssistantDTO', 'CreateSquadDTO']) {
    validateSchema(name, {})
  }
  for (const provider of ['Vapi', 'Twilio', 'Vonage', 'Telnyx', 'Byo']) {
    validateSchema(`Update${provider}PhoneNumberDTO`, {})
  }
}

/** Validates a value against a named component schema; `forbidUnknown` as Vapi's whitelist. */
export function validateSchema(name: string, value: unknown, forbidUnknown = true): string[] {
  if (!loadSpec().components.schemas[name]) throw new Error(`no schema ${name} in the Vapi subset`)
  const validate = validatorFor(`schema ${name}`, { $ref: `${PREFIX}${name}` }, forbidUnknown)
  return validate(value) ? [] : messages(validate.errors ?? [])
}

/** ajv's errors as class-validator's messages, nested ones prefixed with their parent's path. */
export function messages(errors: ErrorObject[]): string[] {
  const dropped = new Set<ErrorObject>()
  for (const error of errors) {
    if (error.keyword !== 'anyOf') continue
    const nullable = (error.parentSchema as Schema | undefined)?.['x-nullable'] === true
    const under = (other: ErrorObject) =>
      other !== error &&
      (other.instancePath === error.instancePath || other.instancePath.startsWith(error.instancePath + '/'))
    if (nullable) {
      // A nullable value: only the real branch's complaints matter.
      dropped.add(error)
      for (const other of errors) {
        if (under(other) && other.keyword === 'type' && other.params.type === 'null') dropped.add(other)
      }
    } else {
      for (const other of errors) if (under(other)) dropped.add(other)
    }
  }
  const out: string[] = []
  for (const error of errors) {
    if (dropped.has(error) || error.keyword === 'if') continue
    const message = messageOf(error)
    if (message && !out.includes(message)) out.push(message)
  }
  return out
}

function dotted(instancePath: string): string {
  return instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).join('.')
}

function messageOf(error: ErrorObject): string | undefined {
  const path = dotted(error.instancePath)
  const parent = path.includes('.') ? path.slice(0, path.lastIndexOf('.') + 1) : ''
  const name = path || 'value'
  const p = error.params as Record<string, unknown>
  switch (error.keyword) {
    case 'additionalProperties':
      return `${path ? path + '.' : ''}property ${p.additionalProperty} should not exist`
    case 'required': {
      const property = `${path ? path + '.' : ''}${p.missingProperty}`
      const propertySchema =
        ((error.parentSchema as Schema | undefined)?.properties as Record<string, Schema>)
          ?.[p.missingProperty as string]
      const type = Array.isArray(propertySchema?.type) ? propertySchema.type[0] : propertySchema?.type
      return typeof type === 'string' ? typeMessage(property, type) : `${property} should not be empty`
    }
    case 'type':
      return typeMessage(name, String(p.type).split(',')[0])
    case 'maxLength':
      return `${name} must be shorter than or equal to ${p.limit} characters`
    case 'minLength':
      return `${name} must be longer than or equal to ${p.limit} characters`
    case 'maximum':
      return `${name} must not be greater than ${p.limit}`
    case 'minimum':
      return `${name} must not be less than ${p.limit}`
    case 'maxItems':
      return `${name} must contain no more than ${p.limit} elements`
    case 'minItems':
      return `${name} must contain at least ${p.limit} elements`
    case 'enum':
      return `${name} must be one of the following values: ${(p.allowedValues as unknown[]).join(', ')}`
    case 'const':
      return `${name} must be one of the following values: ${p.allowedValue}`
    case 'pattern':
      return `${name} must match ${p.pattern} regular expression`
    case 'format':
      return formatMessage(name, String(p.format))
    case 'anyOf':
      return `${name} must be one of the accepted shapes`
    default:
      return `${parent}${name.slice(parent.length)} ${error.message ?? 'is invalid'}`
  }
}

function typeMessage(name: string, type: string): string {
  switch (type) {
    case 'string':
      return `${name} must be a string`
    case 'number':
    case 'integer':
      return `${name} must be a number conforming to the specified constraints`
    case 'boolean':
      return `${name} must be a boolean value`
    case 'array':
      return `${name} must be an array`
    case 'object':
      return `${name} must be an object`
    default:
      return `${name} must be a ${type}`
  }
}

function formatMessage(name: string, format: string): string {
  switch (format) {
    case 'uuid':
      return `${name} must be a UUID`
    case 'date-time':
      return `${name} must be a valid ISO 8601 date string`
    case 'uri':
    case 'url':
      return `${name} must be a URL address`
    case 'email':
      return `${name} must be an email`
    default:
      return `${name} must match format ${format}`
  }
}
