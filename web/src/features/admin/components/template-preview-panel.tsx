/**
 * The live preview: the template rendered with the chosen tenant's profile. Placeholders nothing fills
 * (unknown: the template cannot be saved) and the ones this tenant has no value for (missing) are listed
 * and highlighted where they stay in the text.
 */
import { AlertTriangle, Eye, LoaderCircle } from 'lucide-react'
import { Fragment, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Badge } from '@/components/ui/badge.tsx'
import { Spinner } from '@/components/ui/spinner.tsx'
import { problemMessage } from '@/lib/problem-message.ts'
import { useTemplatePreview } from '../api/preview-template.ts'
import { placeholderSegments } from './placeholder-marks.ts'

const TONE_CLASS = { unknown: 'bg-destructive/15 text-destructive', missing: 'bg-warning/20' } as const

/** The text with each `[NAME]` it still holds marked: red when unknown, amber when missing. */
function highlighted(text: string, unknown: readonly string[], missing: readonly string[]): ReactNode {
  return placeholderSegments(text, unknown, missing).map(({ text, tone }, index) =>
    tone
      ? <mark key={index} className={`rounded px-0.5 ${TONE_CLASS[tone]}`}>{text}</mark>
      : <Fragment key={index}>{text}</Fragment>
  )
}

export function TemplatePreviewPanel(
  { body, firstMessage, tenantId }: { body: string; firstMessage: string; tenantId: string | null },
) {
  const { t } = useTranslation()
  const preview = useTemplatePreview(body, firstMessage, tenantId)

  let content: ReactNode
  if (tenantId === null) content = <p className='text-sm text-muted-foreground'>{t('admin.preview.pickTenant')}</p>
  else if (body.trim() === '') content = <p className='text-sm text-muted-foreground'>{t('admin.preview.empty')}</p>
  else if (preview.isError) {
    content = <p role='alert' className='text-sm text-destructive'>{problemMessage(preview.error, t)}</p>
  } else if (!preview.data) content = <Spinner />
  else {
    const { unknown, missing } = preview.data
    content = (
      <div className='grid gap-3'>
        {(unknown.length > 0 || missing.length > 0) && (
          <div className='grid gap-1.5 text-sm' role='status'>
            {unknown.length > 0 && (
              <p className='flex flex-wrap items-center gap-1.5 text-destructive'>
                <AlertTriangle className='size-4' aria-hidden='true' />
                {t('admin.preview.unknown')}
                {unknown.map((name) => <code key={name} className='font-mono text-xs'>[{name}]</code>)}
              </p>
            )}
            {missing.length > 0 && (
              <p className='flex flex-wrap items-center gap-1.5'>
                <Badge variant='warning'>{t('admin.preview.missing')}</Badge>
                {missing.map((name) => <code key={name} className='font-mono text-xs'>[{name}]</code>)}
              </p>
            )}
          </div>
        )}
        {preview.data.first_message && (
          <div className='grid gap-1'>
            <h4 className='text-xs font-medium text-muted-foreground'>{t('admin.templates.firstMessage')}</h4>
            <p className='text-sm'>{highlighted(preview.data.first_message, unknown, missing)}</p>
          </div>
        )}
        <div className='grid gap-1'>
          <h4 className='text-xs font-medium text-muted-foreground'>{t('admin.templates.body')}</h4>
          <pre className='max-h-[28rem] overflow-y-auto rounded-md bg-muted p-3 font-mono text-xs leading-relaxed whitespace-pre-wrap'>
            {highlighted(preview.data.text, unknown, missing)}
          </pre>
        </div>
      </div>
    )
  }

  return (
    <section aria-labelledby='admin-preview-title' aria-live='polite' className='grid gap-2 rounded-lg border p-4'>
      <h3 id='admin-preview-title' className='flex items-center gap-2 text-sm font-semibold'>
        <Eye className='size-4' aria-hidden='true' />
        {t('admin.preview.title')}
        {preview.isFetching && (
          <LoaderCircle className='size-3.5 animate-spin text-muted-foreground' aria-hidden='true' />
        )}
      </h3>
      {content}
    </section>
  )
}
