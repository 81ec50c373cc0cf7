/**
 * The conversation as a chat: the caller on one side, the assistant on the other, tool calls as quiet lines
 * between, each with where it starts in the recording. With a recording, a line is a button that plays from
 * there. During a live call the lines arrive as they are said (announced politely).
 */
import type { CallMessage } from '@shared/contracts/calls.ts'
import { cn } from '@/lib/utils.ts'
import { useCallsTranslation } from '../i18n.ts'
import { formatDuration } from '../model/format.ts'

type Speaker = 'caller' | 'assistant' | 'tool'

function speakerOf(role: string): Speaker | null {
  if (role === 'user' || role === 'customer') return 'caller'
  if (role === 'bot' || role === 'assistant') return 'assistant'
  if (role.startsWith('tool')) return 'tool'
  return null
}

export function CallTranscript({ messages, assistantName, live, onSeek }: {
  messages: CallMessage[]
  assistantName: string | null
  live: boolean
  /** Given when there is a recording to play from a line. */
  onSeek?: (seconds: number) => void
}) {
  const { t } = useCallsTranslation()
  const lines = messages
    .map((message, index) => ({ message, index, speaker: speakerOf(message.role) }))
    .filter((line) => line.speaker && (line.message.message?.trim() || line.speaker === 'tool'))

  if (lines.length === 0) {
    return <p className='text-sm text-muted-foreground'>{live ? t('transcript.waiting') : t('transcript.empty')}</p>
  }

  return (
    <ol className='grid gap-2' aria-label={t('transcript.title')} aria-live={live ? 'polite' : undefined}>
      {lines.map(({ message, index, speaker }) => {
        const at = message.seconds_from_start
        const who = speaker === 'caller'
          ? t('transcript.caller')
          : speaker === 'assistant'
          ? assistantName ?? t('transcript.assistant')
          : t('transcript.tool')
        if (speaker === 'tool') {
          return (
            <li key={index} className='text-center text-xs text-muted-foreground'>
              {who}
              {message.message ? `: ${message.message}` : ''}
            </li>
          )
        }
        const body = (
          <>
            <span className='flex items-baseline gap-2 text-xs text-muted-foreground'>
              <span className='font-medium text-foreground'>{who}</span>
              {at !== null && <time className='tabular-nums'>{formatDuration(at)}</time>}
            </span>
            <span className='text-sm whitespace-pre-wrap'>{message.message}</span>
          </>
        )
        const bubble = cn(
          'grid max-w-[85%] gap-0.5 rounded-lg px-3 py-2 text-left',
          speaker === 'caller' ? 'justify-self-start bg-muted' : 'justify-self-end bg-primary/8',
        )
        return (
          <li key={index} className='grid'>
            {onSeek && at !== null
              ? (
                <button
                  type='button'
                  className={cn(bubble, 'outline-none hover:ring-1 hover:ring-ring/40 focus-visible:ring-2 focus-visible:ring-ring')}
                  title={t('transcript.playFrom', { time: formatDuration(at) })}
                  onClick={() => onSeek(at)}
                >
                  {body}
                </button>
              )
              : <div className={bubble}>{body}</div>}
          </li>
        )
      })}
    </ol>
  )
}
