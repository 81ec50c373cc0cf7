import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import './index.css'
import { i18nReady } from './lib/i18n.ts'
import { App } from './app/app.tsx'

// A French visitor waits for the French messages (one small chunk) rather than seeing English flash by;
// i18nReady never rejects (a failed load falls back to English).
void i18nReady.then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
)
