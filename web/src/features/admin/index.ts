// The admin feature's public surface: the Admin page, and whether the user is a platform admin (the app's
// navigation shows the Admin item only to them).
export { useIsPlatformAdmin } from './api/get-admin-me.ts'
export { AdminPage } from './components/admin-page.tsx'
