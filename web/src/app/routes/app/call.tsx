import { useParams } from 'react-router'
import { CallDetailPage } from '@/features/calls/index.ts'
import { VoiceGate } from '@/features/voice/components/voice-gate.tsx'

/** One call (`/calls/:callId`); the page names the document after the caller. */
export function CallRoute() {
  const { callId = '' } = useParams()
  return (
    <VoiceGate>
      <CallDetailPage key={callId} callId={callId} />
    </VoiceGate>
  )
}
