// The settings feature's public surface: what other features may use (the voice pages need to know whether
// Vapi is configured). Everything else in this folder is its own.
export { useVapiSettings } from './api/get-vapi-settings.ts'
