// The test-call feature's public surface: the "Talk to this assistant" panel the assistant page renders. The
// Vapi web SDK behind it is loaded only when a call starts.
export { TestCallPanel, type TestCallPanelProps } from './components/test-call-panel.tsx'
