import { describe, expect, it } from 'vitest'
import { CreateTenantBody } from './tenants.ts'
import { SaveVapiKeyBody } from './settings.ts'

const valid = {
  name: 'Cabinet Dupont',
  country: 'fr',
  language: 'fr',
  timezone: 'Europe/Paris',
  profession: 'doctor',
}

describe('CreateTenantBody', () => {
  it('normalises a valid body', () => {
    expect(CreateTenantBody.parse({ ...valid, name: '  Cabinet Dupont ' })).toEqual({
      ...valid,
      country: 'FR',
    })
  })

  it('names every bad field', () => {
    const result = CreateTenantBody.safeParse({
      name: '',
      country: 'France',
      language: 'de',
      timezone: 'Mars/Base',
    })
    expect(result.success).toBe(false)
    const fields = result.error!.issues.map((i) => i.path.join('.')).sort()
    expect(fields).toEqual(['country', 'language', 'name', 'profession', 'timezone'])
  })
})

describe('SaveVapiKeyBody', () => {
  it('trims and accepts a key', () => {
    expect(SaveVapiKeyBody.parse({ vapi_api_key: ' sk_live_abcdef123456 ' })).toEqual({
      vapi_api_key: 'sk_live_abcdef123456',
    })
  })

  it('rejects blanks, inner spaces and missing keys', () => {
    expect(SaveVapiKeyBody.safeParse({ vapi_api_key: '   ' }).success).toBe(false)
    expect(SaveVapiKeyBody.safeParse({ vapi_api_key: 'sk_live abc def' }).success).toBe(false)
    expect(SaveVapiKeyBody.safeParse({}).success).toBe(false)
  })
})
