/**
 * The work an expansion may do, counted in candidates: every day, period or start the BYxxx
 * engine builds or checks, whether or not it becomes an occurrence. Limits on returned occurrences
 * alone do not bound the work: a rule whose periods hold millions of candidates (every second of
 * every day of a year, then BYSETPOS=-1) yields one occurrence per period.
 *
 * The module reads no clock: a caller that wants a time limit passes its own `now()`.
 */
import { AppError } from '../errors';

/** Candidates one expansion may examine unless the caller says otherwise (tens of milliseconds). */
export const DEFAULT_MAX_CANDIDATES = 1_000_000;

// The clock, when given, is read once per this many candidates: reading it is not free.
const CLOCK_EVERY = 1 << 15;

/** A time limit: stop once `now()` passes `at` (both in the clock's own milliseconds). */
export interface Deadline {
  readonly now: () => number;
  readonly at: number;
}

/** True for the error a `WorkBudget` throws when spent (as opposed to a refused rule). */
export class BudgetExceeded extends AppError {}

/** A budget of candidates (and optionally of time) that the BYxxx engine spends as it works. */
export class WorkBudget {
  /** Candidates spent so far; never more than `max`. */
  used = 0;
  private nextClock = CLOCK_EVERY;

  constructor(
    readonly max: number = DEFAULT_MAX_CANDIDATES,
    private readonly deadline?: Deadline,
  ) {}

  /** Spends `n` candidates; throws `BudgetExceeded` (recurrence.too_complex) instead of going over. */
  spend(n: number): void {
    const used = this.used + n;
    if (used > this.max) throw this.exceeded(`more than ${this.max} candidate starts`);
    this.used = used;
    if (this.deadline && used >= this.nextClock) {
      this.nextClock = used + CLOCK_EVERY;
      if (this.deadline.now() > this.deadline.at) throw this.exceeded('more time than it is allowed');
    }
  }

  private exceeded(what: string): BudgetExceeded {
    const message = `expanding this rule takes ${what}; simplify the rule (fewer BYxxx values, no BYSETPOS) or narrow the window`;
    return new BudgetExceeded('recurrence.too_complex', message, [
      { field: 'rrule', message, code: 'budget' },
    ]);
  }
}
