import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import i18n from '@/lib/i18n.ts'
import '../i18n.ts'
import { EndedReason, SuccessMark } from './call-labels.tsx'

describe('ended reasons in plain words', () => {
  it.each([
    ['customer-ended-call', 'Customer hung up'],
    ['assistant-ended-call', 'Assistant ended the call'],
    ['assistant-said-end-call-phrase', 'Assistant ended the call'],
    ['customer-did-not-answer', 'No answer'],
    ['customer-busy', 'Line busy'],
    ['voicemail', 'Voicemail'],
    ['silence-timed-out', 'Ended after silence'],
    ['exceeded-max-duration', 'Maximum duration reached'],
    ['assistant-forwarded-call', 'Forwarded'],
    ['twilio-failed-to-connect-call', 'Could not connect'],
    ['pipeline-error-openai-llm-failed', 'Technical error'],
    ['something-new', 'Other (something-new)'],
  ])('%s reads "%s", with the exact reason as its title', (reason, words) => {
    render(<EndedReason reason={reason} />)
    expect(screen.getByText(words)).toHaveAttribute('title', reason)
  })

  it('shows a dash for a call that has not ended', () => {
    render(<EndedReason reason={null} />)
    expect(screen.getByText('—')).toBeInTheDocument()
  })

  it('speaks French too', async () => {
    await i18n.changeLanguage('fr')
    try {
      render(<EndedReason reason='customer-ended-call' />)
      expect(screen.getByText('L’appelant a raccroché')).toBeInTheDocument()
    } finally {
      await i18n.changeLanguage('en')
    }
  })
})

describe('success evaluation', () => {
  it.each([
    ['true', 'Successful'],
    ['false', 'Unsuccessful'],
    ['8/10', '8/10'],
  ])('%s reads "%s"', (value, words) => {
    render(<SuccessMark value={value} />)
    expect(screen.getByText(words)).toBeInTheDocument()
  })
})
