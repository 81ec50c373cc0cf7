/** The audit trail: written in the same transaction as the change it records, so neither exists alone. */
import type postgres from 'postgres'
import type { Tx } from './db.ts'

export interface AuditEntry {
  tenantId: string
  /** The user who acted (claims.sub); null for the system (webhooks, jobs). */
  actor: string | null
  /** Dotted verb, e.g. `settings.vapi_key.saved`. */
  action: string
  target?: string | null
  /** Never a secret: previews only. */
  details?: Record<string, unknown>
}

export async function audit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx`
    insert into public.audit_log (tenant_id, actor, action, target, details)
    values (${entry.tenantId}, ${entry.actor}, ${entry.action}, ${entry.target ?? null},
            ${tx.json((entry.details ?? {}) as postgres.JSONValue)})`
}
