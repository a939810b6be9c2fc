import type { Queryable } from '../../db/client';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  entityType?: string;
  entityId?: string;
  ip?: string;
  data?: Record<string, unknown>;
}

/** Appends to the audit log, inside the caller's transaction when given one. */
export async function recordAudit(db: Queryable, e: AuditEntry): Promise<void> {
  await db.query(
    'insert into audit_log (actor_id, action, entity_type, entity_id, ip, data) values ($1, $2, $3, $4, $5, $6)',
    [
      e.actorId,
      e.action,
      e.entityType ?? null,
      e.entityId ?? null,
      e.ip ?? null,
      JSON.stringify(e.data ?? {}),
    ],
  );
}
