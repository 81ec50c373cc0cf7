/**
 * Where supabase-js keeps the session (its own default key, named here so we can read it without loading
 * supabase-js): with nothing stored the visitor is signed out, and the sign-in page can render at once.
 */
export const AUTH_STORAGE_KEY = `sb-${
  new URL(import.meta.env.VITE_SUPABASE_URL ?? 'http://localhost').hostname.split('.')[0]
}-auth-token`

export function hasStoredSession(): boolean {
  try {
    return globalThis.localStorage?.getItem(AUTH_STORAGE_KEY) != null
  } catch {
    // Storage blocked (privacy settings): let supabase-js decide.
    return true
  }
}
