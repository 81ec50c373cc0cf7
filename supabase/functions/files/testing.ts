/**
 * Test fixtures of the knowledge functions (test code only): a tenant with a Vapi key of its own in the
 * sandbox, small valid samples of every accepted file type (a minimal PDF, a minimal DOCX zip, text, Markdown,
 * CSV), and a multipart upload request as the SPA sends it.
 */
import { type Handler, request } from '../_shared/testing.ts'

const text = (value: string) => new TextEncoder().encode(value)

/** A one-page PDF saying `words`. */
export function samplePdf(words = 'Opening hours: 9 to 5'): Uint8Array {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>',
  ]
  const stream = `BT /F1 12 Tf 10 100 Td (${words}) Tj ET`
  objects.push(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`)
  let body = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((object, i) => {
    offsets.push(body.length)
    body += `${i + 1} 0 obj\n${object}\nendobj\n`
  })
  const xref = body.length
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  body += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return text(body)
}

function crc32(bytes: Uint8Array): number {
  let crc = ~0
  for (const byte of bytes) {
    crc ^= byte
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1))
  }
  return ~crc >>> 0
}

/** A zip archive of stored (uncompressed) entries. */
function zip(entries: Record<string, string>): Uint8Array {
  const local: Uint8Array[] = []
  const central: Uint8Array[] = []
  let offset = 0
  for (const [name, content] of Object.entries(entries)) {
    const nameBytes = text(name)
    const data = text(content)
    const crc = crc32(data)
    const header = new DataView(new ArrayBuffer(30))
    header.setUint32(0, 0x04034b50, true)
    header.setUint16(4, 20, true)
    header.setUint32(14, crc, true)
    header.setUint32(18, data.length, true)
    header.setUint32(22, data.length, true)
    header.setUint16(26, nameBytes.length, true)
    const entry = new DataView(new ArrayBuffer(46))
    entry.setUint32(0, 0x02014b50, true)
    entry.setUint16(4, 20, true)
    entry.setUint16(6, 20, true)
    entry.setUint32(16, crc, true)
    entry.setUint32(20, data.length, true)
    entry.setUint32(24, data.length, true)
    entry.setUint16(28, nameBytes.length, true)
    entry.setUint32(42, offset, true)
    local.push(new Uint8Array(header.buffer), nameBytes, data)
    central.push(new Uint8Array(entry.buffer), nameBytes)
    offset += 30 + nameBytes.length + data.length
  }
  const size = central.reduce((n, part) => n + part.length, 0)
  const end = new DataView(new ArrayBuffer(22))
  end.setUint32(0, 0x06054b50, true)
  end.setUint16(8, central.length / 2, true)
  end.setUint16(10, central.length / 2, true)
  end.setUint32(12, size, true)
  end.setUint32(16, offset, true)
  const parts = [...local, ...central, new Uint8Array(end.buffer)]
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

/** A minimal Word document: its content types, its package relationship and one paragraph. */
export function sampleDocx(words = 'Parking is behind the building'): Uint8Array {
  const w = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
  return zip({
    '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8"?><Types ' +
      'xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ' +
      'ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ' +
      'ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/' +
      'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    '_rels/.rels': '<?xml version="1.0" encoding="UTF-8"?><Relationships ' +
      'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" ' +
      'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" ' +
      'Target="word/document.xml"/></Relationships>',
    'word/document.xml':
      `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${w}"><w:body><w:p><w:r>` +
      `<w:t>${words}</w:t></w:r></w:p></w:body></w:document>`,
  })
}

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

/** One sample of each accepted type: name, declared type and bytes. */
export function samples(): { name: string; type: string; bytes: Uint8Array }[] {
  return [
    { name: 'hours.pdf', type: 'application/pdf', bytes: samplePdf() },
    { name: 'access.docx', type: DOCX_TYPE, bytes: sampleDocx() },
    { name: 'faq.txt', type: 'text/plain', bytes: text('Q: Do you take walk-ins?\nA: Yes, mornings.\n') },
    { name: 'prices.md', type: 'text/markdown', bytes: text('# Prices\n\n- Consultation: 30 EUR\n') },
    { name: 'team.csv', type: 'text/csv', bytes: text('name,role\nDr Dupont,GP\n') },
  ]
}

/** A multipart upload of one file in `field` (default `file`), as the SPA sends it. */
export function uploadRequest(
  as: { token: string; tenant: string },
  file: { name: string; type: string; bytes: Uint8Array },
  field = 'file',
): Request {
  const form = new FormData()
  form.append(field, new File([file.bytes as Uint8Array<ArrayBuffer>], file.name, { type: file.type }))
  const base = request('POST', '/files', as)
  return new Request(base.url, { method: 'POST', headers: base.headers, body: form })
}

/** Uploads through the handler; the status and parsed body. */
export async function upload<T = Record<string, unknown>>(
  handler: Handler,
  as: { token: string; tenant: string },
  file: { name: string; type: string; bytes: Uint8Array },
  field?: string,
): Promise<{ status: number; body: T; text: string }> {
  const res = await handler(uploadRequest(as, file, field))
  const body = await res.text()
  return { status: res.status, body: body ? JSON.parse(body) : undefined, text: body }
}
