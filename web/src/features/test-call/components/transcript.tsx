import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { cn } from '@/lib/utils.ts'
import type { CallMode, TranscriptLine } from '../model/call-state.ts'

interface Props {
  lines: TranscriptLine[]
  mode: CallMode | null
  assistantName: string
}

/** The live transcript: one line per utterance, its speaker named, partial text shown as it is being said. */
export function Transcript({ lines, mode, assistantName }: Props) {
  const { t } = useTranslation()
  const list = useRef<HTMLOListElement>(null)
  const count = lines.length
  const last = lines.at(-1)?.text
  // Follow the conversation inside the list only: the page itself stays where the user scrolled it.
  useEffect(() => {
    if (list.current) list.current.scrollTop = list.current.scrollHeight
  }, [count, last])

  const speaker = (role: TranscriptLine['role']) =>
    role === 'assistant'
      ? assistantName
      : mode === 'simulated'
      ? t('testCall.roles.caller')
      : t('testCall.roles.you')

  return (
    <section aria-labelledby='test-call-transcript' className='grid gap-2'>
      <h3 id='test-call-transcript' className='text-sm font-medium'>{t('testCall.transcript')}</h3>
      {lines.length === 0
        ? (
          <p className='rounded-md border border-dashed p-4 text-sm text-muted-foreground'>
            {t('testCall.transcriptEmpty')}
          </p>
        )
        : (
          // Only settled lines are announced, so a screen reader does not read every partial.
          <ol
            ref={list}
            className='grid max-h-80 gap-2 overflow-y-auto rounded-md border p-3'
            aria-live='off'
          >
            {lines.map((line) => (
              <li
                key={line.id}
                className={cn('grid gap-0.5 text-sm', line.role === 'user' && 'justify-items-end text-right')}
              >
                <span className='text-xs font-medium text-muted-foreground'>{speaker(line.role)}</span>
                <span
                  className={cn(
                    'max-w-[85%] rounded-lg px-3 py-1.5',
                    line.role === 'assistant' ? 'bg-muted' : 'bg-primary/10',
                    !line.final && 'italic text-muted-foreground',
                  )}
                >
                  {line.text}
                </span>
              </li>
            ))}
          </ol>
        )}
      <p className='sr-only' aria-live='polite'>
        {lines.filter((l) => l.final).slice(-1).map((l) => `${speaker(l.role)}: ${l.text}`)}
      </p>
    </section>
  )
}
