/**
 * The error catalogue: every stable problem `code` the API can answer with, its HTTP status and
 * its title. `satisfies` keeps the table honest; `ErrorCode` is derived from it, so an
 * `AppError` with a code that has no entry here does not compile.
 */
export const errorCatalogue = {
  // generic request problems
  'request.malformed_json': { status: 400, title: 'The request body is not valid JSON' },
  'request.invalid': { status: 422, title: 'The request is invalid' },
  'request.bad_query': { status: 400, title: 'A query parameter is invalid' },
  'request.unsupported_media_type': { status: 415, title: 'Unsupported content type' },
  'request.too_large': { status: 413, title: 'The request body is too large' },
  'request.control_characters': {
    status: 400,
    title: 'The request contains control characters (such as U+0000) that no field accepts',
  },
  'request.not_found': { status: 404, title: 'Not found' },
  'request.method_not_allowed': { status: 405, title: 'Method not allowed' },
  'request.rate_limited': { status: 429, title: 'Too many requests' },
  'request.precondition_failed': { status: 412, title: 'The resource was changed by someone else' },
  'request.precondition_required': { status: 428, title: 'A version precondition is required' },
  'pagination.invalid_cursor': { status: 400, title: 'The pagination cursor is invalid' },
  'server.internal': { status: 500, title: 'Internal server error' },
  'server.shutting_down': { status: 503, title: 'The server is shutting down' },
  'database.unavailable': { status: 503, title: 'The database is unavailable' },

  // authentication and sessions
  'auth.required': { status: 401, title: 'Sign-in required' },
  'auth.invalid_credentials': { status: 401, title: 'Email or password is wrong' },
  'auth.invalid_token': { status: 401, title: 'The access token is invalid or expired' },
  'auth.too_many_attempts': { status: 429, title: 'Too many failed sign-in attempts' },
  'auth.csrf_failed': { status: 403, title: 'Missing or wrong CSRF token' },
  'auth.forbidden': { status: 403, title: 'You are not allowed to do this' },
  'auth.wrong_password': { status: 400, title: 'The current password is wrong' },
  'auth.weak_password': { status: 422, title: 'The password is too weak' },
  'setup.already_done': { status: 409, title: 'Kalendaryo already has users' },

  // users
  'user.not_found': { status: 404, title: 'User not found' },
  'user.duplicate': { status: 409, title: 'A user with this email already exists' },
  'user.cannot_deactivate_self': { status: 409, title: 'You cannot deactivate your own account' },
  'user.last_admin': { status: 409, title: 'The last active administrator cannot be removed' },

  // calendars, communities and items
  'freebusy.too_many_users': { status: 422, title: 'Free/busy answers for at most 50 people at once' },
  'freebusy.window_too_long': { status: 422, title: 'Free/busy answers for at most 62 days at once' },
  'calendar.not_found': { status: 404, title: 'Calendar not found' },
  'calendar.personal_not_deletable': { status: 409, title: 'A personal calendar cannot be deleted' },
  'calendar.owner_membership': { status: 409, title: 'The owner of a calendar always manages it' },
  'share_link.not_found': { status: 404, title: 'This link does not exist, has expired or was revoked' },
  'calendar_feed.not_found': { status: 404, title: 'This feed does not exist or was revoked' },
  'community.not_found': { status: 404, title: 'Community not found' },
  'community.duplicate': { status: 409, title: 'This community is already registered' },
  'item.not_found': { status: 404, title: 'Item not found' },
  'item.invalid_time': { status: 422, title: 'The start or end is invalid' },
  'item.invalid_details': { status: 422, title: 'The details do not fit the item’s kind' },
  'item.occurrence_required': { status: 422, title: 'Name the occurrence to edit' },
  'item.occurrence_not_found': { status: 404, title: 'The series has no such occurrence' },
  'item.not_recurring': { status: 422, title: 'The item is not a series' },
  'item.kind_change': { status: 422, title: 'The kind of an item cannot change' },
  'item.restore_conflict': { status: 409, title: 'The item cannot come back as it was' },
  'leave.invalid_transition': { status: 409, title: 'The leave request cannot change that way' },
  'leave.self_approval': { status: 403, title: 'You cannot decide your own leave request' },
  'leave.overlap': { status: 409, title: 'The leave overlaps another leave request of the same person' },
  'task.invalid_transition': { status: 409, title: 'The task cannot change that way' },

  // resources and bookings
  'resource.not_found': { status: 404, title: 'Resource not found' },
  'booking.not_found': { status: 404, title: 'Booking not found' },
  'booking.conflict': { status: 409, title: 'The resource is already booked for that time' },
  'booking.duplicate': { status: 409, title: 'This occurrence already has a booking of this resource' },
  'booking.invalid_transition': { status: 409, title: 'The booking cannot change that way' },
  'booking.invalid_time': { status: 422, title: 'The booking’s start or end is invalid' },
  'booking.too_far_ahead': { status: 422, title: 'The resource cannot be booked that far ahead' },
  'booking.too_long': { status: 422, title: 'The booking is longer than the resource allows' },
  'booking.resource_unavailable': { status: 422, title: 'The resource is under maintenance or retired' },

  // participants and attendance
  'participant.not_found': { status: 404, title: 'Participant not found' },
  'participant.duplicate': { status: 409, title: 'This person is already a participant' },
  'attendance.invalid_code': { status: 400, title: 'The check-in code is not valid' },
  'attendance.wrong_event': { status: 403, title: 'The code belongs to another event or occurrence' },
  'attendance.code_expired': { status: 403, title: 'The check-in code has expired' },
  'attendance.code_not_yet_valid': { status: 403, title: 'The check-in code is not valid yet' },
  'attendance.not_invited': { status: 403, title: 'You are not a participant of this event' },
  'attendance.invalid_transition': { status: 409, title: 'The attendance cannot change that way' },
  'attendance.cancelled': { status: 409, title: 'This event or occurrence is cancelled' },

  // notifications and preferences
  'notification.not_found': { status: 404, title: 'Notification not found' },
  'preferences.invalid': { status: 422, title: 'The preferences are invalid' },
  'push.subscription_invalid': { status: 422, title: 'The push subscription is not valid' },
  'push.not_configured': { status: 503, title: 'Web push is not configured on this server' },

  // recurrence
  'recurrence.invalid_rule': { status: 422, title: 'The recurrence rule is invalid' },
  'recurrence.invalid_input': { status: 422, title: 'The recurring series or expansion request is invalid' },
  'recurrence.unbounded': { status: 422, title: 'An endless series needs a window or a limit' },
  'recurrence.too_many_occurrences': {
    status: 422,
    title: 'The expansion would produce too many occurrences',
  },
  'recurrence.too_complex': { status: 422, title: 'The recurrence rule is too costly to expand' },

  // iCalendar import and subscriptions
  'ical.invalid': { status: 422, title: 'The iCalendar file cannot be read' },
  'calendar.read_only': {
    status: 403,
    title: 'This calendar is a subscription: its items change only when its source changes',
  },
  'subscription.not_found': { status: 404, title: 'Subscription not found' },
  'subscription.url_refused': { status: 422, title: 'This address cannot be subscribed to' },

  // time zones
  'time.unknown_zone': { status: 422, title: 'Unknown time zone' },
  'time.invalid_local_time': { status: 422, title: 'The local date or time is invalid' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

/** A field that failed validation, named by its JSON path (`start`, `details.leaveType`). */
export interface FieldError {
  field: string;
  message: string;
  code?: string;
}

/** RFC 9457 problem details as Kalendaryo sends them. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: ErrorCode;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** The documentation URI of a problem type, stable per code. */
export const problemType = (code: ErrorCode): string => `https://kalendaryo.dev/problems/${code}`;
