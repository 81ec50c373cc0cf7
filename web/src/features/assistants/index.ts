// The assistants feature's public surface: the pages use its components; other features may list assistants.
export { useAssistants } from './api/queries.ts'
export { AssistantsPage } from './components/assistants-page.tsx'
export { AssistantDetailPage } from './components/assistant-detail-page.tsx'
