/**
 * Every permission a role can grant. The SQL function `private.all_permissions()` mirrors this list
 * (a test keeps them equal), so RLS policies and the SPA speak the same words.
 */
export const PERMISSIONS = [
  'tenant.manage',
  'tenant.delete',
  'settings.read',
  'settings.manage',
  'team.read',
  'team.manage',
  'assistants.read',
  'assistants.manage',
  'numbers.manage',
  'knowledge.manage',
  'calls.read',
  'calls.listen',
  'calls.export',
  'calls.erase',
  'inbox.read',
  'inbox.reply',
  'channels.read',
  'channels.manage',
  'templates.manage',
  'messages.send',
  'audit.read',
] as const

export type Permission = (typeof PERMISSIONS)[number]

export const SYSTEM_ROLES = ['owner', 'admin', 'agent', 'viewer'] as const
export type SystemRole = (typeof SYSTEM_ROLES)[number]

/** The roles seeded on every new tenant; mirrored by `private.default_role_permissions(role)`. */
export const DEFAULT_ROLE_PERMISSIONS: Record<SystemRole, readonly Permission[]> = {
  owner: PERMISSIONS,
  // Erasing a caller's data stays the owner's.
  admin: PERMISSIONS.filter((p) => p !== 'tenant.delete' && p !== 'calls.erase'),
  agent: [
    'team.read',
    'assistants.read',
    'calls.read',
    'calls.listen',
    'inbox.read',
    'inbox.reply',
    'channels.read',
    'messages.send',
  ],
  viewer: ['settings.read', 'team.read', 'assistants.read', 'calls.read', 'inbox.read', 'channels.read'],
}

export function hasPermission(granted: readonly string[], wanted: Permission): boolean {
  return granted.includes(wanted)
}
