/**
 * The call's recording: the browser's own player (seekable, keyboard-operable) on a signed URL that lives a
 * few minutes. When the URL has expired, or the player fails on it, a fresh one is asked for once
 * (GET /calls/:id/recording) and playback resumes where it was. The states without audio are explained.
 */
import { AlertTriangle, Loader2, Trash2, VolumeX } from 'lucide-react'
import { type Ref, useImperativeHandle, useRef, useState } from 'react'
import type { CallRecording } from '@shared/contracts/calls.ts'
import { Alert } from '@/components/ui/alert.tsx'
import { Button } from '@/components/ui/button.tsx'
import { useCurrentTenant } from '@/features/tenants/index.ts'
import { problemMessage } from '@/lib/problem-message.ts'
import { getRecording } from '../api/queries.ts'
import { useCallsTranslation } from '../i18n.ts'

export interface PlayerHandle {
  /** Moves playback to `seconds` (and keeps playing if it was). */
  seek(seconds: number): void
}

/** Renew a URL this long before it expires rather than let the player hit a 403. */
const EXPIRY_MARGIN_MS = 15_000

export function RecordingPlayer({ callId, recording, ref }: {
  callId: string
  recording: CallRecording
  ref?: Ref<PlayerHandle>
}) {
  const { t } = useCallsTranslation()
  const { tenant } = useCurrentTenant()
  const audio = useRef<HTMLAudioElement>(null)
  const [source, setSource] = useState({ url: recording.url, expiresAt: recording.expires_at })
  const [renewing, setRenewing] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  /** The URL a renewal gave: an error on it is shown, not renewed again (no loop on a recording gone bad). */
  const renewedUrl = useRef<string | null>(null)
  /** Where playback was when the URL was swapped, to resume there. */
  const resumeAt = useRef<{ time: number; playing: boolean } | null>(null)

  // A new detail (the realtime channel refreshed it) brings its own signed URL.
  const [shownUrl, setShownUrl] = useState(recording.url)
  if (shownUrl !== recording.url) {
    setShownUrl(recording.url)
    setSource({ url: recording.url, expiresAt: recording.expires_at })
    setFailure(null)
  }

  /** Asks for a fresh URL; playback then resumes at `resume`, or where it was. */
  const renew = async (resume?: { time: number; playing: boolean }) => {
    const element = audio.current
    if (renewing) return
    resumeAt.current = resume ?? (element ? { time: element.currentTime, playing: !element.paused } : null)
    setRenewing(true)
    try {
      const fresh = await getRecording(tenant.id, callId)
      renewedUrl.current = fresh.url
      if (fresh.state !== 'stored' || !fresh.url) {
        setFailure(t('player.unavailable'))
      } else {
        setFailure(null)
        setSource({ url: fresh.url, expiresAt: fresh.expires_at })
      }
    } catch (error) {
      setFailure(problemMessage(error, t))
    } finally {
      setRenewing(false)
    }
  }

  const expired = () =>
    !!source.expiresAt && Date.parse(source.expiresAt) - EXPIRY_MARGIN_MS < Date.now()

  useImperativeHandle(ref, () => ({
    seek(seconds: number) {
      const element = audio.current
      if (!element) return
      if (expired()) {
        void renew({ time: seconds, playing: !element.paused })
        return
      }
      element.currentTime = seconds
    },
  }))

  if (recording.state !== 'stored') {
    const Icon = recording.state === 'pending' ? Loader2 : recording.state === 'deleted' ? Trash2 : recording.state === 'failed' ? AlertTriangle : VolumeX
    return (
      <p className='flex items-start gap-2 text-sm text-muted-foreground' role='status'>
        <Icon className={recording.state === 'pending' ? 'mt-0.5 size-4 shrink-0 animate-spin motion-reduce:animate-none' : 'mt-0.5 size-4 shrink-0'} aria-hidden='true' />
        <span>
          {t(`player.${recording.state}`)}
          {recording.state === 'failed' && recording.error && (
            <span className='mt-1 block text-xs'>{t('player.failedReason', { reason: recording.error })}</span>
          )}
        </span>
      </p>
    )
  }

  if (!source.url) {
    return (
      <div className='grid gap-2'>
        <p className='text-sm text-muted-foreground'>{failure ?? t('player.noUrl')}</p>
        <div>
          <Button variant='outline' size='sm' onClick={() => void renew()} loading={renewing}>
            {t('player.retry')}
          </Button>
        </div>
      </div>
    )
  }

  return (
    <div className='grid gap-2'>
      <audio
        ref={audio}
        controls
        preload='metadata'
        src={source.url}
        className='w-full'
        aria-label={t('player.label')}
        onPlay={() => {
          if (expired()) void renew()
        }}
        onError={() => {
          if (source.url !== renewedUrl.current) void renew()
          else setFailure(t('player.error'))
        }}
        onLoadedMetadata={(event) => {
          const resume = resumeAt.current
          resumeAt.current = null
          if (!resume) return
          event.currentTarget.currentTime = resume.time
          if (resume.playing) void event.currentTarget.play().catch(() => undefined)
        }}
      >
        <track kind='captions' />
      </audio>
      {renewing && <p className='text-xs text-muted-foreground' role='status'>{t('player.renewing')}</p>}
      {failure && !renewing && (
        <Alert variant='destructive' role='alert' className='items-center justify-between'>
          <span>{failure}</span>
          <Button variant='outline' size='sm' onClick={() => void renew()}>{t('player.retry')}</Button>
        </Alert>
      )}
    </div>
  )
}
