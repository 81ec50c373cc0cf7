/**
 * Uploads one file with progress: fetch reports no upload progress, so this goes through XMLHttpRequest,
 * with the URL and headers supabase-js would use (lib/functions.ts). The file is checked first with the
 * contract's own rules (size, extension, declared type, signature), as the server will check it again.
 */
import { FILE_UPLOAD, filesContract, type KnowledgeFile } from '@shared/contracts/files.ts'
import { checkUpload, type UploadRefusal, uploadHeadLength, uploadType } from '@shared/contracts/route.ts'
import { useQueryClient } from '@tanstack/react-query'
import { functionRequest, parseResponse, problemFromResponse } from '@/lib/functions.ts'
import { knowledgeKeys } from './keys.ts'

/** The browser's verdict on a file before sending it; null when acceptable. */
export async function refuseFile(file: File): Promise<UploadRefusal | null> {
  const head = new Uint8Array(await file.slice(0, uploadHeadLength(FILE_UPLOAD)).arrayBuffer())
  return checkUpload(FILE_UPLOAD, { name: file.name, type: declaredType(file), size: file.size }, head)
}

/** Browsers often declare no type for .md or .csv: the extension's first accepted type stands in. */
function declaredType(file: File): string {
  return file.type || uploadType(FILE_UPLOAD, file.name)?.mimeTypes[0] || ''
}

export async function uploadFile(
  tenantId: string,
  file: File,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<KnowledgeFile> {
  const { url, headers } = await functionRequest(filesContract.routes.upload, { tenantId })
  const form = new FormData()
  form.append(FILE_UPLOAD.field, new File([file], file.name, { type: declaredType(file) }))
  const answer = await new Promise<{ status: number; body: unknown; statusText: string }>((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', url)
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value)
    xhr.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total)
    xhr.onload = () => {
      let body: unknown
      try {
        body = JSON.parse(xhr.responseText)
      } catch {
        body = undefined
      }
      resolve({ status: xhr.status, body, statusText: xhr.statusText })
    }
    xhr.onerror = () => reject(problemFromResponse(0, undefined))
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'))
    signal?.addEventListener('abort', () => xhr.abort())
    xhr.send(form)
  })
  return parseResponse(filesContract.routes.upload, answer.status, answer.body, answer.statusText)
}

/** Uploads one file, then refreshes the files and the knowledge bases (a base lists its files). */
export function useUploadFile(tenantId: string) {
  const queryClient = useQueryClient()
  return async (file: File, onProgress: (fraction: number) => void, signal?: AbortSignal) => {
    const uploaded = await uploadFile(tenantId, file, onProgress, signal)
    await queryClient.invalidateQueries({ queryKey: knowledgeKeys.all(tenantId) })
    return uploaded
  }
}
