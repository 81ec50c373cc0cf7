import { describe, expect, it } from 'vitest'
import { placeholderSegments } from './placeholder-marks.ts'

describe('placeholderSegments', () => {
  it('marks unknown and missing placeholders and leaves the rest as text', () => {
    expect(placeholderSegments('Hi [FOO], call [OWNER_PHONE] at [X1] or [lower].', ['FOO'], ['OWNER_PHONE'])).toEqual([
      { text: 'Hi ', tone: null },
      { text: '[FOO]', tone: 'unknown' },
      { text: ', call ', tone: null },
      { text: '[OWNER_PHONE]', tone: 'missing' },
      { text: ' at ', tone: null },
      { text: '[X1]', tone: null },
      { text: ' or [lower].', tone: null },
    ])
  })

  it('gives the text back whole when nothing is left to fill', () => {
    expect(placeholderSegments('Dr Martin, Cabinet Test', [], [])).toEqual([{
      text: 'Dr Martin, Cabinet Test',
      tone: null,
    }])
  })
})
