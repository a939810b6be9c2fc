import type { ErrorCode, FieldError } from '@kalendaryo/contract';

/**
 * The one error type of Kalendaryo. Its `code` is a key of the contract's error catalogue, which
 * decides the HTTP status and title; `extensions` become extra members of the problem details
 * (e.g. the conflicting bookings of `booking.conflict`).
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly detail: string | undefined;
  readonly fields: readonly FieldError[] | undefined;
  readonly extensions: Readonly<Record<string, unknown>> | undefined;

  constructor(
    code: ErrorCode,
    detail?: string,
    fields?: readonly FieldError[],
    extensions?: Record<string, unknown>,
  ) {
    super(detail ?? code);
    this.name = 'AppError';
    this.code = code;
    this.detail = detail;
    this.fields = fields;
    this.extensions = extensions;
  }
}

/** True when `e` is an AppError (also across duplicated module instances). */
export const isAppError = (e: unknown): e is AppError =>
  e instanceof AppError ||
  (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AppError');
