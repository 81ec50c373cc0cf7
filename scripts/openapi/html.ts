/**
 * Renders the OpenAPI document (docs/openapi.json) as one self-contained HTML page, docs/api/index.html: no
 * script, no CDN, no font or image to fetch, so it reads the same opened from disk, on any static host and
 * from the local stack. A sidebar per function; each endpoint with its method, path, access, parameters and
 * their validation rules, request and response as TypeScript types and JSON Schema, and its problem codes.
 */
import { type Json, pascal, PROBLEM_MEDIA_TYPE, SCHEMA_PREFIX, statusText } from './openapi.ts'
import { type JsonSchema, tsDeclaration, type TsOutput, tsType } from './typescript.ts'

type Schema = Record<string, Json>

export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll(
    '"',
    '&quot;',
  )
}

/** The id of a component's section. */
function schemaAnchor(name: string): string {
  return `schema-${name}`
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')
}

const HTML_TS: TsOutput = {
  text: escapeHtml,
  ref: (name) => `<a href="#${escapeHtml(schemaAnchor(name))}">${escapeHtml(name)}</a>`,
}

// Markdown, the subset our descriptions use: `##` headings, paragraphs, `- ` lists, fenced code, `code`,
// **bold** and [links](url).

function inline(text: string): string {
  return text.split('`').map((part, i) => {
    if (i % 2 === 1) return `<code>${escapeHtml(part)}</code>`
    return escapeHtml(part)
      .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
      .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<a href="$2">$1</a>')
  }).join('')
}

export function markdown(text: string, headingLevel = 3, anchorPrefix = ''): string {
  const out: string[] = []
  const blocks = text.replaceAll('\r\n', '\n').split(/\n{2,}/)
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]
    if (block.startsWith('```')) {
      let code = block
      while (!/\n```\s*$/.test(code) && i + 1 < blocks.length) code += `\n\n${blocks[++i]}`
      const body = code.replace(/^```[^\n]*\n/, '').replace(/\n```\s*$/, '')
      out.push(`<pre><code>${escapeHtml(body)}</code></pre>`)
      continue
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(block)
    if (heading && !block.includes('\n')) {
      const level = Math.min(6, headingLevel + heading[1].length - 2)
      const id = anchorPrefix ? ` id="${escapeHtml(anchorPrefix + slug(heading[2]))}"` : ''
      out.push(`<h${level}${id}>${inline(heading[2])}</h${level}>`)
      continue
    }
    const lines = block.split('\n')
    if (lines.every((line) => line.startsWith('- '))) {
      out.push(`<ul>${lines.map((line) => `<li>${inline(line.slice(2))}</li>`).join('')}</ul>`)
      continue
    }
    const firstItem = lines.findIndex((line) => line.startsWith('- '))
    if (firstItem > 0 && lines.slice(firstItem).every((line) => line.startsWith('- '))) {
      out.push(`<p>${inline(lines.slice(0, firstItem).join(' '))}</p>`)
      out.push(
        `<ul>${lines.slice(firstItem).map((line) => `<li>${inline(line.slice(2))}</li>`).join('')}</ul>`,
      )
      continue
    }
    out.push(`<p>${inline(lines.join(' '))}</p>`)
  }
  return out.join('\n')
}

/** The `## ` headings of a description, for the sidebar. */
function headings(text: string): string[] {
  return [...text.matchAll(/^##\s+(.*)$/gm)].map((m) => m[1])
}

// Schemas

function componentName(schema: Schema | undefined): string | undefined {
  const ref = schema?.$ref
  return typeof ref === 'string' && ref.startsWith(SCHEMA_PREFIX)
    ? ref.slice(SCHEMA_PREFIX.length)
    : undefined
}

function resolve(doc: Json, schema: Schema): Schema {
  const name = componentName(schema)
  return name ? doc.components.schemas[name] : schema
}

function jsonBlock(value: Json, label = 'JSON Schema'): string {
  return `<details><summary>${escapeHtml(label)}</summary><pre class="json"><code>${
    escapeHtml(JSON.stringify(value, null, 2))
  }</code></pre></details>`
}

/** Validation rules a reader needs to send a valid value, in words. */
export function rules(schema: Schema): string[] {
  const out: string[] = []
  const types = Array.isArray(schema.type) ? schema.type : [schema.type]
  const noun = types.includes('array') ? 'items' : 'characters'
  if (schema.format) out.push(`format <code>${escapeHtml(String(schema.format))}</code>`)
  const min = schema.minLength ?? schema.minItems
  const max = schema.maxLength ?? schema.maxItems
  if (min !== undefined && max !== undefined) {
    out.push(min === max ? `exactly ${min} ${noun}` : `${min}–${max} ${noun}`)
  } else if (min !== undefined) out.push(`at least ${min} ${noun}`)
  else if (max !== undefined) out.push(`at most ${max} ${noun}`)
  const lower = schema.minimum ??
    (schema.exclusiveMinimum !== undefined ? `> ${schema.exclusiveMinimum}` : undefined)
  const upper = schema.maximum ??
    (schema.exclusiveMaximum !== undefined ? `< ${schema.exclusiveMaximum}` : undefined)
  if (schema.minimum !== undefined && schema.maximum !== undefined) {
    out.push(`${schema.minimum} to ${schema.maximum}`)
  } else {
    if (lower !== undefined) out.push(typeof lower === 'number' ? `at least ${lower}` : String(lower))
    if (upper !== undefined) out.push(typeof upper === 'number' ? `at most ${upper}` : String(upper))
  }
  if (types.includes('integer')) out.push('integer')
  if (schema.multipleOf !== undefined) out.push(`multiple of ${schema.multipleOf}`)
  // A uuid's pattern only restates its format.
  if (schema.pattern && !schema.format) out.push(`pattern <code>${escapeHtml(String(schema.pattern))}</code>`)
  if (Array.isArray(schema.enum)) {
    out.push(
      `one of ${schema.enum.map((v: Json) => `<code>${escapeHtml(JSON.stringify(v))}</code>`).join(', ')}`,
    )
  }
  if ('const' in schema) out.push(`always <code>${escapeHtml(JSON.stringify(schema.const))}</code>`)
  if (schema.uniqueItems) out.push('unique items')
  if ('default' in schema) out.push(`default <code>${escapeHtml(JSON.stringify(schema.default))}</code>`)
  return out
}

/** A short type for a table cell: the TypeScript type on one line, or "object" for an object literal. */
function cellType(schema: Schema): string {
  // An enum's values are in the Rules column: the cell names their type.
  if (Array.isArray(schema.enum) && typeof schema.type === 'string') {
    return `<code>${tsType({ type: schema.type })}</code>`
  }
  const type = tsType(schema as JsonSchema, HTML_TS)
    .replace(/\(\s*\|\s*/g, '(').replace(/\s*\n\s*\|\s*/g, ' | ').replace(/\s*\n\s*\)/g, ')')
  return type.includes('\n') ? '<code>object</code>' : `<code>${type}</code>`
}

/** A table; a column no row fills is left out. */
function table(head: string[], rows: string[][], className = ''): string {
  const keep = head.map((_, i) => rows.some((row) => row[i] !== ''))
  const cells = (row: string[], tag: string) =>
    row.filter((_, i) => keep[i]).map((cell) => `<${tag}>${cell}</${tag}>`).join('')
  return `<table${className ? ` class="${className}"` : ''}><thead><tr>${
    cells(head, 'th')
  }</tr></thead><tbody>${rows.map((row) => `<tr>${cells(row, 'td')}</tr>`).join('')}</tbody></table>`
}

function fieldsTable(doc: Json, schema: Schema): string {
  const object = resolve(doc, schema)
  const properties = (object?.properties ?? {}) as Record<string, Schema>
  if (Object.keys(properties).length === 0) return ''
  const required = new Set<string>(object.required ?? [])
  const rows = Object.entries(properties).map(([name, property]) => {
    const target = resolve(doc, property) ?? property
    return [
      `<code>${escapeHtml(name)}</code>`,
      cellType(property),
      required.has(name) ? 'yes' : 'no',
      rules(target).join('; '),
      target.description ? inline(String(target.description)) : '',
    ]
  })
  return table(['Field', 'Type', 'Required', 'Rules', 'Description'], rows)
}

/** The TypeScript of a body: the component's declaration, or an inline type named after the operation. */
function typeBlock(doc: Json, schema: Schema, fallbackName: string): string {
  const name = componentName(schema)
  const declaration = name
    ? tsDeclaration(name, doc.components.schemas[name], HTML_TS)
    : tsDeclaration(fallbackName, schema as JsonSchema, HTML_TS)
  return `<pre class="ts"><code>${declaration}</code></pre>`
}

// Operations

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']

interface Operation {
  path: string
  method: string
  op: Json
}

function operations(doc: Json): Operation[] {
  const list: Operation[] = []
  for (const [path, item] of Object.entries(doc.paths as Record<string, Json>)) {
    for (const [method, op] of Object.entries(item as Record<string, Json>)) {
      if (METHODS.includes(method)) list.push({ path, method, op })
    }
  }
  return list
}

function parameter(doc: Json, p: Json): Json {
  if (typeof p.$ref === 'string') return doc.components.parameters[p.$ref.split('/').pop()]
  return p
}

function parametersTable(doc: Json, params: Json[]): string {
  const rows = params.map((raw) => {
    const p = parameter(doc, raw)
    return [
      `<code>${escapeHtml(p.name)}</code>`,
      escapeHtml(p.in),
      cellType(p.schema),
      p.required ? 'yes' : 'no',
      rules(p.schema).join('; '),
      p.description ? inline(p.description) : '',
    ]
  })
  return table(['Name', 'In', 'Type', 'Required', 'Rules', 'Description'], rows)
}

function accessBadge(op: Json): string {
  const access = op['x-access']
  if (access === 'tenant') {
    return `<span class="badge perm" title="permission">${escapeHtml(op['x-permission'])}</span>`
  }
  return `<span class="badge access">${escapeHtml(String(access))}</span>`
}

function renderOperation(doc: Json, { path, method, op }: Operation): string {
  const parts: string[] = []
  parts.push(
    `<article class="op" id="${escapeHtml(op.operationId)}">`,
    `<h3><a class="anchor" href="#${escapeHtml(op.operationId)}">${escapeHtml(op.summary)}</a></h3>`,
    `<p class="endpoint"><span class="method ${method}">${method.toUpperCase()}</span> <code class="path">${
      escapeHtml(path)
    }</code> ${accessBadge(op)}</p>`,
    `<p class="opid">operationId <code>${escapeHtml(op.operationId)}</code></p>`,
  )
  if (op.description) parts.push(`<div class="description">${markdown(op.description)}</div>`)

  if (op.parameters?.length) parts.push('<h4>Parameters</h4>', parametersTable(doc, op.parameters))

  if (op.requestBody) {
    const [media, content] = Object.entries(op.requestBody.content as Record<string, Json>)[0]
    parts.push(
      `<h4>Request body</h4>`,
      `<p><code>${escapeHtml(media)}</code>${op.requestBody.required ? ', required' : ', optional'}</p>`,
      fieldsTable(doc, content.schema),
      typeBlock(doc, content.schema, `${pascal(op.operationId)}Body`),
      jsonBlock(resolve(doc, content.schema)),
    )
  }

  const responses = Object.entries(op.responses as Record<string, Json>)
  parts.push('<h4>Response</h4>')
  for (const [status, response] of responses.filter(([s]) => s.startsWith('2'))) {
    const content = response.content?.['application/json']
    parts.push(
      `<p><span class="status ok">${escapeHtml(status)}</span> ${escapeHtml(response.description)}${
        content ? ' — <code>application/json</code>' : ', no body'
      }</p>`,
    )
    if (content) {
      parts.push(
        typeBlock(doc, content.schema, `${pascal(op.operationId)}Response`),
        jsonBlock(resolve(doc, content.schema)),
      )
    }
  }

  const errors = responses.filter(([s]) => !s.startsWith('2'))
  if (errors.length) {
    parts.push(
      `<h4>Errors</h4>`,
      `<p><code>${PROBLEM_MEDIA_TYPE}</code>, a <a href="#${
        schemaAnchor('Problem')
      }">Problem</a> whose <code>code</code> is one of:</p>`,
    )
    const rows = errors.flatMap(([status, response]) => {
      const codes: { code: string; description: string }[] = response['x-problem-codes'] ?? []
      return codes.map((c, i) =>
        `<tr>${
          i === 0
            ? `<td rowspan="${codes.length}"><span class="status err">${escapeHtml(status)}</span> ${
              escapeHtml(statusText(Number(status)))
            }</td>`
            : ''
        }<td><code>${escapeHtml(c.code)}</code></td><td>${inline(c.description)}</td></tr>`
      )
    })
    parts.push(
      `<table class="errors"><thead><tr><th>Status</th><th>Code</th><th>Meaning</th></tr></thead><tbody>${
        rows.join('')
      }</tbody></table>`,
    )
  }
  parts.push('</article>')
  return parts.join('\n')
}

function renderSchema(name: string, schema: Schema): string {
  return [
    `<article class="schema" id="${escapeHtml(schemaAnchor(name))}">`,
    `<h3><a class="anchor" href="#${escapeHtml(schemaAnchor(name))}">${escapeHtml(name)}</a></h3>`,
    schema.description ? `<p>${inline(String(schema.description))}</p>` : '',
    `<pre class="ts"><code>${tsDeclaration(name, schema as JsonSchema, HTML_TS)}</code></pre>`,
    jsonBlock(schema),
    '</article>',
  ].filter(Boolean).join('\n')
}

const STYLE = `
:root { color-scheme: light dark; --bg: #fff; --fg: #1d2330; --muted: #5b6475; --line: #e2e6ee; --panel: #f6f8fb;
  --accent: #2f5bd3; --code: #f1f3f8; --get: #1f7a4d; --post: #2f5bd3; --put: #9a5b00; --patch: #7b4bc4;
  --delete: #b4232c; --sidebar: 18rem; }
@media (prefers-color-scheme: dark) { :root { --bg: #12151c; --fg: #e3e7ef; --muted: #9aa3b5; --line: #2a303d;
  --panel: #181c25; --accent: #8aa8ff; --code: #1e2330; --get: #5fd39a; --post: #8aa8ff; --put: #f0b35a;
  --patch: #c3a0ff; --delete: #ff8a8f; } }
* { box-sizing: border-box; }
html { scroll-padding-top: 1rem; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.55 system-ui, -apple-system, "Segoe UI",
  Roboto, sans-serif; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
code, pre { font: 13px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
:not(pre) > code { background: var(--code); padding: 0.1em 0.35em; border-radius: 4px; }
pre { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 0.75rem 1rem;
  overflow-x: auto; margin: 0.5rem 0; }
nav { position: fixed; top: 0; bottom: 0; left: 0; width: var(--sidebar); overflow-y: auto; padding: 1.25rem 1rem;
  border-right: 1px solid var(--line); background: var(--panel); font-size: 14px; }
nav .brand { font-weight: 700; font-size: 1.1rem; color: var(--fg); }
nav .version { color: var(--muted); font-size: 0.85rem; }
nav h2 { font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted);
  margin: 1.25rem 0 0.35rem; }
nav ul { list-style: none; margin: 0; padding: 0; }
nav li a { display: block; padding: 0.2rem 0.35rem; border-radius: 4px; color: var(--fg); }
nav li a:hover { background: var(--code); text-decoration: none; }
nav .method { font-size: 10px; min-width: 3.4rem; }
main { margin-left: var(--sidebar); padding: 2rem 3rem 4rem; max-width: 72rem; }
@media (max-width: 900px) { nav { position: static; width: auto; border-right: 0;
  border-bottom: 1px solid var(--line); } main { margin-left: 0; padding: 1.5rem 1rem 3rem; } }
h1 { margin: 0 0 0.25rem; font-size: 2rem; }
h2.tag { margin: 3rem 0 0.25rem; padding-top: 1rem; border-top: 2px solid var(--line); font-size: 1.5rem; }
h3 { margin: 0 0 0.5rem; font-size: 1.2rem; }
h4 { margin: 1.25rem 0 0.4rem; font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.06em;
  color: var(--muted); }
.lead { color: var(--muted); font-size: 1.05rem; margin-top: 0; }
.op, .schema { border: 1px solid var(--line); border-radius: 8px; padding: 1.25rem 1.5rem; margin: 1.5rem 0; }
.op h3 a.anchor, .schema h3 a.anchor { color: var(--fg); }
.endpoint { margin: 0.25rem 0; display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
.endpoint .patd:first-child code { white-space: nowrap; }
th { font-size: 14px; font-weight: 600; }
.opid { color: var(--muted); font-size: 0.85rem; margin: 0.25rem 0 0.75rem; }
.method { display: inline-block; min-width: 4.2rem; text-align: center; font: 700 12px/1.6 ui-monospace, monospace;
  color: #fff; border-radius: 4px; padding: 0 0.4rem; }
.method.get { background: var(--get); } .method.post { background: var(--post); }
.method.put { background: var(--put); } .method.patch { background: var(--patch); }
.method.delete { background: var(--delete); }
@media (prefers-color-scheme: dark) { .method { color: #12151c; } }
.badge { display: inline-block; font-size: 12px; border-radius: 999px; padding: 0 0.6rem; border: 1px solid var(--line); }
.badge.perm { border-color: var(--accent); color: var(--accent); font-family: ui-monospace, monospace; }
.badge.access { color: var(--muted); }
.status { display: inline-block; font: 700 12px/1.6 ui-monospace, monospace; border-radius: 4px; padding: 0 0.4rem; }
.status.ok { background: var(--code); color: var(--get); } .status.err { background: var(--code); color: var(--delete); }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0; font-size: 14px; display: block; overflow-x: auto; }
th, td { text-align: left; vertical-align: top; padding: 0.4rem 0.6rem; border-bottom: 1px solid var(--line); }
th { font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); }
details { margin: 0.5rem 0; } summary { cursor: pointer; color: var(--muted); font-size: 0.9rem; }
dl.server { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 1rem 0; }
dl.server dt { font-weight: 600; } dl.server dd { margin: 0; }
footer { color: var(--muted); font-size: 0.85rem; margin-top: 3rem; }
`

export function renderHtml(doc: Json): string {
  const ops = operations(doc)
  const tags: { name: string; description?: string }[] = doc.tags ?? []
  const overviewHeadings = headings(doc.info.description ?? '')
  const schemaNames = Object.keys(doc.components?.schemas ?? {})
  const server = doc.servers?.[0]

  const sidebar = [
    `<nav aria-label="API reference">`,
    `<a class="brand" href="#top">${escapeHtml(doc.info.title)}</a> <span class="version">v${
      escapeHtml(doc.info.version)
    }</span>`,
    `<h2>Overview</h2><ul>${
      overviewHeadings.map((h) => `<li><a href="#overview-${slug(h)}">${escapeHtml(h)}</a></li>`).join('')
    }</ul>`,
    ...tags.map((tag) =>
      `<h2><a href="#tag-${escapeHtml(tag.name)}">${escapeHtml(tag.name)}</a></h2><ul>${
        ops.filter((o) => o.op.tags?.includes(tag.name)).map((o) =>
          `<li><a href="#${escapeHtml(o.op.operationId)}" title="${
            escapeHtml(o.op.summary)
          }"><span class="method ${o.method}">${o.method.toUpperCase()}</span> ${escapeHtml(o.path)}</a></li>`
        ).join('')
      }</ul>`
    ),
    `<h2><a href="#schemas">Schemas</a></h2><ul>${
      schemaNames.map((n) => `<li><a href="#${escapeHtml(schemaAnchor(n))}">${escapeHtml(n)}</a></li>`).join(
        '',
      )
    }</ul>`,
    `</nav>`,
  ]

  const serverLine = server
    ? `<dl class="server"><dt>Base URL</dt><dd><code>${escapeHtml(server.url)}</code></dd>${
      Object.entries((server.variables ?? {}) as Record<string, Json>).map(([name, v]) =>
        `<dt><code>${escapeHtml(`{${name}}`)}</code></dt><dd>${inline(v.description ?? '')} Default <code>${
          escapeHtml(v.default)
        }</code>.</dd>`
      ).join('')
    }</dl>`
    : ''

  const main = [
    `<main id="top">`,
    `<h1>${escapeHtml(doc.info.title)}</h1>`,
    doc.info.summary ? `<p class="lead">${inline(doc.info.summary)}</p>` : '',
    serverLine,
    `<p>Machine-readable: <a href="../openapi.json">openapi.json</a> (OpenAPI ${
      escapeHtml(doc.openapi)
    }).</p>`,
    `<section id="overview">${markdown(doc.info.description ?? '', 2, 'overview-')}</section>`,
    ...tags.map((tag) =>
      [
        `<section id="tag-${escapeHtml(tag.name)}">`,
        `<h2 class="tag">${escapeHtml(tag.name)}</h2>`,
        tag.description ? `<p class="lead">${inline(tag.description)}</p>` : '',
        ...ops.filter((o) => o.op.tags?.includes(tag.name)).map((o) => renderOperation(doc, o)),
        `</section>`,
      ].filter(Boolean).join('\n')
    ),
    `<section id="schemas">`,
    `<h2 class="tag">Schemas</h2>`,
    `<p class="lead">The named types of the requests and responses (<code>components.schemas</code>).</p>`,
    ...schemaNames.map((n) => renderSchema(n, doc.components.schemas[n])),
    `</section>`,
    `<footer>Generated from the route tables in <code>shared/contracts</code> by <code>npm run docs</code>; do not edit by hand.</footer>`,
    `</main>`,
  ]

  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(doc.info.title)} reference</title>`,
    `<style>${STYLE.trim()}</style>`,
    '</head>',
    '<body>',
    ...sidebar,
    ...main.filter(Boolean),
    '</body>',
    '</html>',
    '',
  ].join('\n')
}
