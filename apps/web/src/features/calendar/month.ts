/** A calendar month: `month` is 1–12. */
export interface YearMonth {
  year: number;
  month: number;
}

export const OFFICE_TIME_ZONE = 'Asia/Manila';

/** Reads `2025-11` (the `?month=` parameter); null when it is not a real month. */
export function parseYearMonth(value: string | null | undefined): YearMonth | null {
  const m = /^(\d{4})-(\d{2})$/.exec(value ?? '');
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12 || year < 1900 || year > 2999) return null;
  return { year, month };
}

export const formatYearMonthParam = ({ year, month }: YearMonth): string =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;

/** The month an instant falls in, on the wall calendar of `timeZone`. */
export function monthAt(instant: Date, timeZone: string = OFFICE_TIME_ZONE): YearMonth {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month') };
}

export function addMonths({ year, month }: YearMonth, n: number): YearMonth {
  const index = year * 12 + (month - 1) + n;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** "November 2025". */
export function formatYearMonth({ year, month }: YearMonth, locale = 'en-PH'): string {
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(
    new Date(Date.UTC(year, month - 1, 1)),
  );
}
