/**
 * The admin function's first wall: every route but `GET /admin/me` belongs to platform admins (a flag on
 * the user, public.platform_admins), checked in the caller's own transaction; RLS on the platform tables is
 * the second wall. Platform changes belong to no tenant, so public.audit_log (tenant_id not null) cannot hold
 * them: they go to the structured log instead, one `admin.*` event per change.
 */
import type { Claims } from '../_shared/auth.ts'
import type { Tx } from '../_shared/db.ts'
import { Forbidden } from '../_shared/errors.ts'
import type { LogFields, Logger } from '../_shared/log.ts'

export async function isPlatformAdmin(tx: Tx): Promise<boolean> {
  const [row] = await tx<{ admin: boolean }[]>`select private.is_platform_admin() as admin`
  return row.admin
}

/** 403 `platform_admin_required` unless the caller is a platform admin. */
export async function requirePlatformAdmin(tx: Tx): Promise<void> {
  if (!(await isPlatformAdmin(tx))) {
    throw new Forbidden('platform_admin_required', 'Only platform admins may do this')
  }
}

/** What an admin operation has in hand. */
export interface AdminCaller {
  tx: Tx
  claims: Claims
  deps: { log: Logger }
  requestId: string
}

/** The audit line of a platform change: who, what, on which record (never a prompt's text). */
export function auditPlatform(caller: AdminCaller, action: string, target: string, details: LogFields = {}) {
  caller.deps.log.info(action, {
    actor: caller.claims.sub,
    target,
    request_id: caller.requestId,
    details,
  })
}
