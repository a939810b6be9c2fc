import { AppError, isAppError } from '@kalendaryo/domain';

/** Error codes (Node socket and PostgreSQL SQLSTATE) that mean the server cannot be reached. */
const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'EPIPE',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '53300', // too_many_connections
]);

const unavailableMessages = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /connect ECONNREFUSED/i,
];

/** The SQLSTATE of a database error, if it has one. */
export const sqlState = (e: unknown): string | undefined =>
  typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string'
    ? (e as { code: string }).code
    : undefined;

/** True when `e` says the database server could not be reached or went away. */
export function isUnavailable(e: unknown): boolean {
  const code = sqlState(e);
  if (code && unavailableCodes.has(code)) return true;
  const message = e instanceof Error ? e.message : '';
  return unavailableMessages.some((re) => re.test(message));
}

/**
 * Translates driver errors in one place: an unreachable server becomes `database.unavailable`
 * (503). Constraint violations keep their SQLSTATE so the owning service can name the conflict
 * (23505 unique, 23P01 exclusion); everything else passes through unchanged.
 */
export function translateDbError(e: unknown): unknown {
  if (isAppError(e)) return e;
  // Raised by the trigger that keeps subscribed calendars read-only (migration 0012).
  if (sqlState(e) === 'KL001')
    return new AppError(
      'calendar.read_only',
      'This calendar mirrors an external address: change the source, or copy the item to another calendar.',
    );
  if (isUnavailable(e))
    return new AppError('database.unavailable', 'The database cannot be reached; try again shortly.');
  return e;
}
