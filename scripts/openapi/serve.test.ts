/**
 * The local stack serves the API reference: the HTML page and the OpenAPI document, as committed in docs/.
 */
import assert from 'node:assert/strict'
import { startStack } from '../stack.ts'
import { docsHandler } from './serve.ts'

const docs = new URL('../../docs/', import.meta.url)

Deno.test('docs server: the page at / and /api/, the document at /openapi.json, nothing else', async () => {
  const handler = docsHandler(docs)
  const html = await Deno.readTextFile(new URL('api/index.html', docs))
  for (const path of ['/', '/api/', '/api/index.html']) {
    const res = await handler(new Request(`http://127.0.0.1${path}`))
    assert.equal(res.status, 200, path)
    assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8')
    assert.equal(await res.text(), html)
  }
  const json = await handler(new Request('http://127.0.0.1/openapi.json'))
  assert.equal(json.headers.get('content-type'), 'application/json; charset=utf-8')
  assert.equal(json.headers.get('access-control-allow-origin'), '*')
  assert.equal((await json.json()).openapi, '3.1.0')

  const head = await handler(new Request('http://127.0.0.1/', { method: 'HEAD' }))
  assert.equal(head.status, 200)
  assert.equal(await head.text(), '')
  for (const path of ['/../README.md', '/architecture.md', '/api/../../deno.json', '/openapi.yaml']) {
    const res = await handler(new Request(`http://127.0.0.1${path}`))
    await res.body?.cancel()
    assert.equal(res.status, 404, path)
  }
  const post = await handler(new Request('http://127.0.0.1/', { method: 'POST' }))
  await post.body?.cancel()
  assert.equal(post.status, 405)

  const missing = await docsHandler(new URL('file:///nonexistent-docs/'))(new Request('http://127.0.0.1/'))
  assert.equal(missing.status, 404)
  assert.match(await missing.text(), /npm run docs/)
})

Deno.test('stack: serves the API reference and its OpenAPI document', async () => {
  const stack = await startStack({ seed: false, spa: false, log: false })
  try {
    assert.match(stack.docsUrl, /^http:\/\/127\.0\.0\.1:\d+\/$/)
    const page = await fetch(stack.docsUrl)
    assert.equal(page.status, 200)
    assert.match(page.headers.get('content-type')!, /^text\/html/)
    const html = await page.text()
    assert.match(html, /<title>Switchboard API reference<\/title>/)
    assert.match(html, /href="\.\.\/openapi\.json"/)
    // The page links ../openapi.json: from / that is /openapi.json.
    const json = await fetch(new URL('../openapi.json', stack.docsUrl))
    assert.equal(json.status, 200)
    const document = await json.json()
    assert.equal(document.openapi, '3.1.0')
    assert.ok(document.paths['/tenants'].get, 'the document lists GET /tenants')
  } finally {
    await stack.stop()
  }
})
