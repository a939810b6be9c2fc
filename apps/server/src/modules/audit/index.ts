/**
 * The audit module as other modules use it: appending to the audit log, inside the caller's
 * transaction so the entry and the change it records commit together.
 */
export { type AuditEntry, recordAudit } from './audit.repository';
