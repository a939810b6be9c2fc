/** String-level conversions between local wall times and UTC instants, for callers outside recurrence. */
import { AppError } from '../errors';
import { formatInstant, formatLocalDateTime, parseInstant, parseLocalDateTime } from './wall-time';
import { getTimeZone } from './zone';

function invalid(field: string, value: string, expected: string): AppError {
  const message = `'${value}' is not ${expected}`;
  return new AppError('time.invalid_local_time', message, [{ field, message, code: 'invalid_format' }]);
}

/** The UTC instant ('…Z') of a local 'YYYY-MM-DDTHH:mm:ss' in `tzid`, by RFC 5545 gap/overlap rules. */
export function localToInstant(local: string, tzid: string): string {
  const wall = parseLocalDateTime(local);
  if (wall === undefined) throw invalid('local', local, "a local date-time 'YYYY-MM-DDTHH:mm:ss'");
  return formatInstant(getTimeZone(tzid).toInstant(wall));
}

/** The local wall time 'YYYY-MM-DDTHH:mm:ss' of an ISO 8601 instant in `tzid`. */
export function instantToLocal(instant: string, tzid: string): string {
  const epochMs = parseInstant(instant);
  if (epochMs === undefined)
    throw invalid('instant', instant, "an ISO 8601 instant such as '2024-03-10T07:30:00Z'");
  return formatLocalDateTime(getTimeZone(tzid).toWall(epochMs));
}
