import { fileURLToPath } from 'node:url'
import tailwindcss from '@tailwindcss/vite'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

const here = fileURLToPath(new URL('.', import.meta.url))

export default defineConfig({
  root: here,
  // `npm start` writes web/.env.local (VITE_SUPABASE_URL, VITE_SUPABASE_ANON_KEY) whatever the cwd.
  envDir: here,
  plugins: [react(), tailwindcss()],
  // Scan every page up front: routes load lazily, and a dependency first met on navigation makes Vite
  // re-bundle and reload the page mid-session.
  optimizeDeps: {
    entries: ['index.html', 'src/**/*.{ts,tsx}', '!src/**/*.test.{ts,tsx}', '!src/testing/**'],
  },
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
      '@shared': fileURLToPath(new URL('../shared', import.meta.url)),
    },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    // The contracts live one level up, in the repo's shared/.
    fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] },
  },
  // dist/.vite/manifest.json: scripts/bench/bundle.ts follows it to weigh what loads before the sign-in page.
  build: { manifest: true },
  preview: { host: '127.0.0.1', port: 4173 },
})
