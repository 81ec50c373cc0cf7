import { describe, expect, it } from 'vitest'
import { visibleNavGroups } from './nav-items.ts'

const paths = (platformAdmin: boolean) =>
  visibleNavGroups({ platformAdmin }).flatMap((group) => group.items.map((item) => item.to))

describe('visibleNavGroups', () => {
  it('shows the Admin item to platform admins only', () => {
    expect(paths(true)).toContain('/admin')
    expect(paths(false)).not.toContain('/admin')
    expect(paths(false)).toContain('/settings')
  })
})
