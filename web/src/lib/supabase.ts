import { createClient } from '@supabase/supabase-js'
import { AUTH_STORAGE_KEY } from './stored-session.ts'

const url = import.meta.env.VITE_SUPABASE_URL
const anonKey = import.meta.env.VITE_SUPABASE_ANON_KEY
if (!url || !anonKey) {
  throw new Error(
    'VITE_SUPABASE_URL and VITE_SUPABASE_ANON_KEY must be set (npm start writes them to web/.env.local)',
  )
}

/** The one supabase-js client of the SPA: auth (session kept in localStorage, refreshed before expiry) and functions. */
export const supabase = createClient(url, anonKey, {
  auth: {
    persistSession: true,
    autoRefreshToken: true,
    detectSessionInUrl: false,
    storageKey: AUTH_STORAGE_KEY,
  },
})
