/**
 * A small JSON Schema → TypeScript type printer, for the API reference: it shows each request and response as
 * the type a caller writes (`type VapiSettings = { has_vapi_key: boolean … }`). It covers what z.toJSONSchema
 * emits for our contracts (objects, arrays, tuples, enums, consts, unions, nullables, $refs to
 * components.schemas); anything else prints as `unknown` rather than as a wrong type.
 */

export type JsonSchema = boolean | { [key: string]: unknown }

/** How a reference to a named schema is printed: its name, or a link to it in the HTML reference. */
export interface TsOutput {
  text(value: string): string
  ref(name: string): string
}

export const PLAIN: TsOutput = { text: (value) => value, ref: (name) => name }

const COMPONENT = '#/components/schemas/'
// References travel through the printer as markers and are rendered last, so escaping never touches them.
const MARK = '\u0000'

/** `type Name = …`, with the schema's description as a doc comment. */
export function tsDeclaration(name: string, schema: JsonSchema, out: TsOutput = PLAIN): string {
  const doc = typeof schema === 'object' && typeof schema.description === 'string'
    ? docComment(schema.description, '')
    : ''
  const type = print(schema, '')
  return render(`${doc}type ${name} =${type.startsWith('\n') ? '' : ' '}${type}`, out)
}

/** The type of a schema, as it would follow `: ` in a declaration (a long union on one line). */
export function tsType(schema: JsonSchema, out: TsOutput = PLAIN): string {
  const type = print(schema, '')
  return render(type.startsWith('\n') ? type.trim().replace(/^\| /, '').replace(/\n\s*/g, ' ') : type, out)
}

function render(marked: string, out: TsOutput): string {
  return marked.split(MARK).map((part, i) => i % 2 === 1 ? out.ref(part) : out.text(part)).join('')
}

function print(schema: JsonSchema, indent: string): string {
  if (schema === true) return 'unknown'
  if (schema === false) return 'never'
  if (typeof schema.$ref === 'string') {
    return schema.$ref.startsWith(COMPONENT)
      ? `${MARK}${schema.$ref.slice(COMPONENT.length)}${MARK}`
      : 'unknown'
  }
  if ('const' in schema) return literal(schema.const)
  if (Array.isArray(schema.enum)) return union(schema.enum.map(literal), indent)
  const members = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined
  if (Array.isArray(members)) return union(members.map((m) => print(m, indent)), indent)
  if (Array.isArray(schema.allOf)) {
    return (schema.allOf as JsonSchema[]).map((m) => parenthesise(print(m, indent))).join(' & ')
  }
  const type = schema.type
  if (Array.isArray(type)) return union(type.map((t) => print({ ...schema, type: t }, indent)), indent)
  switch (type) {
    case 'string':
      return 'string'
    case 'number':
    case 'integer':
      return 'number'
    case 'boolean':
      return 'boolean'
    case 'null':
      return 'null'
    case 'array':
      return printArray(schema, indent)
    case 'object':
      return printObject(schema, indent)
    case undefined:
      return 'properties' in schema || 'additionalProperties' in schema
        ? printObject(schema, indent)
        : 'unknown'
    default:
      return 'unknown'
  }
}

function printArray(schema: { [key: string]: unknown }, indent: string): string {
  if (Array.isArray(schema.prefixItems)) {
    const items = (schema.prefixItems as JsonSchema[]).map((item) => print(item, indent))
    const rest = schema.items && schema.items !== false
      ? [`...${parenthesise(print(schema.items as JsonSchema, indent))}[]`]
      : []
    return `[${[...items, ...rest].join(', ')}]`
  }
  const items = schema.items === undefined ? 'unknown' : print(schema.items as JsonSchema, `${indent}  `)
  // A union broken over lines: `(\n | "a"\n | "b"\n)[]`.
  if (items.startsWith('\n')) return `(${items}\n${indent})[]`
  return `${parenthesise(items)}[]`
}

function printObject(schema: { [key: string]: unknown }, indent: string): string {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>
  const required = new Set((schema.required ?? []) as string[])
  const extra = schema.additionalProperties as JsonSchema | undefined
  const names = Object.keys(properties)
  if (names.length === 0) {
    if (extra === false) return 'Record<string, never>'
    return `Record<string, ${extra === undefined || extra === true ? 'unknown' : print(extra, indent)}>`
  }
  const inner = `${indent}  `
  const lines = names.map((name) => {
    const property = properties[name]
    const doc = typeof property === 'object' && typeof property.description === 'string'
      ? docComment(property.description, inner)
      : ''
    const key = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name)
    const type = print(property, inner)
    return `${doc}${inner}${key}${required.has(name) ? '' : '?'}:${type.startsWith('\n') ? '' : ' '}${type}`
  })
  if (extra !== undefined && extra !== false) {
    lines.push(`${inner}[key: string]: ${extra === true ? 'unknown' : print(extra, inner)}`)
  }
  return `{\n${lines.join('\n')}\n${indent}}`
}

function docComment(text: string, indent: string): string {
  const lines = text.replaceAll('*/', '*\\/').split('\n')
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`
  return `${indent}/**\n${lines.map((line) => `${indent} * ${line}`.trimEnd()).join('\n')}\n${indent} */\n`
}

function literal(value: unknown): string {
  return value === undefined ? 'undefined' : JSON.stringify(value)
}

/** Longer unions go one member a line, each after a leading `|`. */
const UNION_WIDTH = 72

function union(members: string[], indent: string): string {
  const unique = [...new Set(members)]
  if (unique.length === 0) return 'never'
  if (unique.includes('unknown')) return 'unknown'
  const flat = unique.join(' | ')
  if (flat.length <= UNION_WIDTH || unique.some((m) => m.includes('\n'))) return flat
  return unique.map((m) => `\n${indent}  | ${m}`).join('')
}

/** Wraps a union or intersection where a tighter operator follows (`(A | B)[]`). */
function parenthesise(type: string): string {
  let depth = 0
  let quoted = false
  for (let i = 0; i < type.length; i++) {
    const ch = type[i]
    if (quoted) {
      if (ch === '\\') i++
      else if (ch === '"') quoted = false
    } else if (ch === '"') quoted = true
    else if (type.startsWith('/**', i)) {
      i = type.includes('*/', i + 3) ? type.indexOf('*/', i + 3) + 1 : type.length
    } else if ('{[(<'.includes(ch)) depth++
    else if ('}])>'.includes(ch)) depth--
    else if (depth === 0 && (ch === '|' || ch === '&')) return `(${type})`
  }
  return type
}
