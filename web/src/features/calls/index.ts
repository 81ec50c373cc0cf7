// The calls feature's public surface: the Calls page, one call, the Overview's calls figures, and the live
// channel for other pages that show calls. Its strings load with it (./i18n.ts, namespace `calls`).
export { CallsPage } from './components/calls-page.tsx'
export { CallDetailPage } from './components/call-detail-page.tsx'
export { CallsOverviewSection } from './components/overview-section.tsx'
export { useCallsRealtime } from './api/realtime.ts'
