import { describe, expect, it } from 'vitest'
import { DEFAULT_ROLE_PERMISSIONS, hasPermission, PERMISSIONS, SYSTEM_ROLES } from './permissions.ts'

describe('permissions', () => {
  it('lists each permission once, as resource.action', () => {
    expect(new Set(PERMISSIONS).size).toBe(PERMISSIONS.length)
    for (const p of PERMISSIONS) expect(p).toMatch(/^[a-z]+\.[a-z]+$/)
  })

  it('gives the owner everything and the viewer nothing that writes', () => {
    expect([...DEFAULT_ROLE_PERMISSIONS.owner].sort()).toEqual([...PERMISSIONS].sort())
    for (const p of DEFAULT_ROLE_PERMISSIONS.viewer) expect(p).toMatch(/\.read$/)
  })

  it('keeps each role a strict subset of the role above it', () => {
    const ranked = SYSTEM_ROLES.map((r) => new Set(DEFAULT_ROLE_PERMISSIONS[r]))
    for (let i = 1; i < ranked.length; i++) {
      expect(ranked[i].size).toBeLessThan(ranked[i - 1].size)
      for (const p of ranked[i]) {
        if (SYSTEM_ROLES[i] === 'viewer' && p === 'settings.read') continue // agents work the inbox, not settings
        expect(ranked[i - 1].has(p)).toBe(true)
      }
    }
  })

  it('answers hasPermission from a granted list', () => {
    expect(hasPermission(DEFAULT_ROLE_PERMISSIONS.admin, 'settings.manage')).toBe(true)
    expect(hasPermission(DEFAULT_ROLE_PERMISSIONS.viewer, 'settings.manage')).toBe(false)
  })
})
