import { useParams } from 'react-router'
import { VoiceGate } from '@/features/voice/components/voice-gate.tsx'
import { NewWorkflowPage, WorkflowPage } from '@/features/workflows/index.ts'

/** `/workflows/:workflowId`: one workflow's editor, or `/workflows/new` for a new one from the starter. */
export function WorkflowRoute() {
  const { workflowId = '' } = useParams()
  return (
    <VoiceGate>
      {workflowId === 'new' ? <NewWorkflowPage /> : <WorkflowPage key={workflowId} workflowId={workflowId} />}
    </VoiceGate>
  )
}
