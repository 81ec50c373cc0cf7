/** Drag-and-drop or pick files; each is checked in the browser, then uploaded with its own progress bar. */
import { Upload } from 'lucide-react'
import { type DragEvent, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { FILE_UPLOAD } from '@shared/contracts/files.ts'
import { problemMessage } from '@/lib/problem-message.ts'
import { refuseFile, useUploadFile } from '../api/upload-file.ts'

/** The upload limit as the rules sentence says it ("10 MiB"). */
const MAX_SIZE = `${FILE_UPLOAD.maxBytes / (1024 * 1024)} MiB`

interface Pending {
  key: string
  name: string
  progress: number
  error?: string
}

export function UploadZone({ tenantId }: { tenantId: string }) {
  const { t } = useTranslation()
  const inputId = useId()
  const input = useRef<HTMLInputElement>(null)
  const upload = useUploadFile(tenantId)
  const [pending, setPending] = useState<Pending[]>([])
  const [over, setOver] = useState(false)
  const patch = (key: string, change: Partial<Pending>) =>
    setPending((all) => all.map((p) => (p.key === key ? { ...p, ...change } : p)))

  async function send(files: FileList | null) {
    for (const file of Array.from(files ?? [])) {
      const key = crypto.randomUUID()
      setPending((all) => [...all, { key, name: file.name, progress: 0 }])
      const refusal = await refuseFile(file)
      if (refusal) {
        patch(key, { error: t(`knowledge.upload.refused.${refusal.reason}`, { max: MAX_SIZE }) })
        continue
      }
      try {
        await upload(file, (progress) => patch(key, { progress }))
        setPending((all) => all.filter((p) => p.key !== key))
      } catch (error) {
        patch(key, { error: problemMessage(error, t) })
      }
    }
  }

  function onDrop(event: DragEvent) {
    event.preventDefault()
    setOver(false)
    void send(event.dataTransfer.files)
  }

  return (
    <div className='space-y-3'>
      <label
        htmlFor={inputId}
        onDragOver={(e) => {
          e.preventDefault()
          setOver(true)
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        className={`flex cursor-pointer flex-col items-center gap-2 rounded-lg border border-dashed p-8 text-center focus-within:ring-2 ${
          over ? 'border-primary bg-primary/5' : 'bg-card'
        }`}
      >
        <Upload aria-hidden='true' className='size-6 text-muted-foreground' />
        <span className='font-medium'>{t('knowledge.upload.drop')}</span>
        <span className='text-sm text-muted-foreground'>{t('knowledge.upload.rules', { max: MAX_SIZE })}</span>
        <input
          id={inputId}
          ref={input}
          type='file'
          multiple
          className='sr-only'
          accept={FILE_UPLOAD.types.map((type) => type.extension).join(',')}
          onChange={(e) => {
            void send(e.target.files)
            e.target.value = ''
          }}
        />
      </label>
      {pending.length > 0 && (
        <ul className='space-y-2' aria-live='polite'>
          {pending.map((p) => (
            <li key={p.key} className='text-sm'>
              <div className='flex justify-between gap-2'>
                <span className='truncate'>{p.name}</span>
                {p.error
                  ? (
                    <button type='button' className='underline' onClick={() => setPending((all) => all.filter((x) => x !== p))}>
                      {t('knowledge.upload.dismiss')}
                    </button>
                  )
                  : <span>{Math.round(p.progress * 100)} %</span>}
              </div>
              {p.error
                ? <p role='alert' className='text-destructive'>{p.error}</p>
                : (
                  <progress
                    className='h-2 w-full'
                    value={p.progress}
                    max={1}
                    aria-label={t('knowledge.upload.progress', { name: p.name })}
                  />
                )}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
