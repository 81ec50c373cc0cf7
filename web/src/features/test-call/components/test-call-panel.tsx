/**
 * "Talk to this assistant": a test call from the browser with the live transcript, the assistant's volume,
 * mute and end. A real call through Vapi's web SDK (loaded only when a call starts), or on the offline local
 * stack a simulated call with a scripted caller, in the same panel.
 */
import { FlaskConical, Mic, MicOff, Phone, PhoneOff } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Badge } from '@/components/ui/badge.tsx'
import { Button } from '@/components/ui/button.tsx'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card.tsx'
import { useCan, useCurrentTenant } from '@/features/tenants/index.ts'
import type { CallStatus } from '../model/call-state.ts'
import { useTestCall } from '../model/use-test-call.ts'
import { CallErrorMessage } from './call-error-message.tsx'
import { Transcript } from './transcript.tsx'
import { VolumeMeter } from './volume-meter.tsx'

export interface TestCallPanelProps {
  /** Our id of the assistant. */
  assistantId: string
  assistantName: string
}

const STATUS_BADGE = {
  idle: 'muted',
  connecting: 'warning',
  'in-call': 'success',
  ended: 'muted',
  failed: 'warning',
} as const satisfies Record<CallStatus, string>

export function TestCallPanel({ assistantId, assistantName }: TestCallPanelProps) {
  const { t } = useTranslation()
  const { tenant } = useCurrentTenant()
  const canRead = useCan('assistants.read')
  const { state, live, start, stop, setMuted } = useTestCall(tenant.id, assistantId)
  if (!canRead) return null

  const inCall = state.status === 'in-call'
  return (
    <Card aria-labelledby='test-call-title' className='self-start lg:sticky lg:top-6'>
      <CardHeader className='flex-row flex-wrap items-start justify-between gap-3'>
        <div className='grid gap-1'>
          <CardTitle id='test-call-title'>{t('testCall.title')}</CardTitle>
          <CardDescription>{t('testCall.description', { name: assistantName })}</CardDescription>
        </div>
        <Badge variant={STATUS_BADGE[state.status]} role='status' aria-live='polite'>
          {t(`testCall.status.${state.status}`)}
        </Badge>
      </CardHeader>
      <CardContent className='grid gap-4'>
        {state.mode === 'simulated' && (
          <p className='flex items-center gap-2 text-sm text-muted-foreground'>
            <FlaskConical className='size-4 shrink-0' aria-hidden='true' />
            {t('testCall.simulatedNote')}
          </p>
        )}

        <div className='flex flex-wrap items-center gap-3'>
          {live
            ? (
              <>
                <Button variant='destructive' onClick={stop}>
                  <PhoneOff aria-hidden='true' />
                  {t('testCall.end')}
                </Button>
                {state.mode === 'web' && (
                  <Button
                    variant='outline'
                    disabled={!inCall}
                    aria-pressed={state.muted}
                    onClick={() => setMuted(!state.muted)}
                  >
                    {state.muted ? <MicOff aria-hidden='true' /> : <Mic aria-hidden='true' />}
                    {state.muted ? t('testCall.unmute') : t('testCall.mute')}
                  </Button>
                )}
              </>
            )
            : (
              <Button onClick={() => void start()}>
                <Phone aria-hidden='true' />
                {state.status === 'idle' ? t('testCall.start') : t('testCall.again')}
              </Button>
            )}
          {state.status === 'connecting' && (
            <span className='text-sm text-muted-foreground'>{t('testCall.connecting')}</span>
          )}
          {inCall && (
            <div className='flex items-center gap-2'>
              <VolumeMeter level={state.volume} active={state.assistantSpeaking || state.volume > 0} />
              {state.assistantSpeaking && (
                <span className='text-xs text-muted-foreground'>
                  {t('testCall.speaking', { name: assistantName })}
                </span>
              )}
            </div>
          )}
        </div>

        {state.error && <CallErrorMessage error={state.error} />}

        {state.status !== 'idle' && !(state.status === 'failed' && state.transcript.length === 0) && (
          <Transcript lines={state.transcript} mode={state.mode} assistantName={assistantName} />
        )}
      </CardContent>
    </Card>
  )
}
