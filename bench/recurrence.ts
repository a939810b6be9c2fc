/**
 * Recurrence expansion speed: 1,000 distinct series over one year in the domain module (zoned
 * and floating), beside rrule.js 2.8.1 in floating mode on the same rules, in one run.
 */
import { DEFAULT_MAX_CANDIDATES, expandRecurrence, expandSeries } from '@kalendaryo/domain';
import rrulePkg from 'rrule';

const { RRule } = rrulePkg as unknown as typeof import('rrule');

const days = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const zones = ['Asia/Manila', 'America/New_York', 'Europe/Berlin', 'Australia/Sydney', 'UTC'];

/** 1,000 distinct rules: a deterministic mix of frequencies and BYxxx parts. */
export function sampleRules(n = 1000) {
  const rules: { dtstart: string; rrule: string; tzid: string }[] = [];
  for (let i = 0; i < n; i++) {
    const hour = String(6 + (i % 12)).padStart(2, '0');
    const day = String(1 + (i % 28)).padStart(2, '0');
    const dtstart = `2026-01-${day}T${hour}:${String((i * 7) % 60).padStart(2, '0')}:00`;
    const kind = i % 6;
    const rrule =
      kind === 0
        ? `FREQ=DAILY;INTERVAL=${1 + (i % 3)}`
        : kind === 1
          ? `FREQ=WEEKLY;BYDAY=${days[i % 7]},${days[(i + 2) % 7]}`
          : kind === 2
            ? `FREQ=MONTHLY;BYDAY=${1 + (i % 4)}${days[i % 7]}`
            : kind === 3
              ? `FREQ=MONTHLY;BYMONTHDAY=${1 + (i % 28)},-1`
              : kind === 4
                ? `FREQ=YEARLY;BYMONTH=${1 + (i % 12)};BYDAY=-1${days[i % 7]}`
                : `FREQ=WEEKLY;INTERVAL=2;BYDAY=${days[i % 5]};WKST=SU`;
    rules.push({ dtstart, rrule, tzid: zones[i % zones.length]! });
  }
  return rules;
}

const time = (fn: () => number) => {
  const t0 = performance.now();
  const n = fn();
  return { ms: performance.now() - t0, n };
};

export function benchRecurrence() {
  const rules = sampleRules();
  const window = { start: '2026-01-01T00:00:00Z', end: '2027-01-01T00:00:00Z' };
  const runs = 5;
  const results: Record<string, string | number>[] = [];
  const measure = (name: string, fn: () => number) => {
    fn(); // warm-up
    const samples = Array.from({ length: runs }, () => time(fn));
    const best = samples.reduce((a, b) => (a.ms < b.ms ? a : b));
    results.push({
      workload: name,
      occurrences: best.n,
      'best ms': best.ms.toFixed(1),
      'median ms': samples
        .map((s) => s.ms)
        .sort((a, b) => a - b)
        [Math.floor(runs / 2)]!.toFixed(1),
    });
  };
  measure('domain, zoned (5 zones)', () =>
    rules.reduce(
      (n, r) => n + expandRecurrence({ dtstart: r.dtstart, tzid: r.tzid, rrule: r.rrule }, { window }).length,
      0,
    ),
  );
  measure('domain, floating', () =>
    rules.reduce(
      (n, r) =>
        n +
        expandRecurrence(
          { dtstart: r.dtstart, tzid: null, rrule: r.rrule },
          { window: { start: window.start, end: window.end } },
        ).length,
      0,
    ),
  );
  measure('rrule.js 2.8.1, floating', () =>
    rules.reduce((n, r) => {
      const rule = new RRule({ ...RRule.parseString(r.rrule), dtstart: new Date(`${r.dtstart}Z`) });
      return n + rule.between(new Date(window.start), new Date(window.end), true).length;
    }, 0),
  );
  measure(
    'domain, 10,000 daily instances (Asia/Manila)',
    () =>
      expandRecurrence({
        dtstart: '2026-01-01T09:00:00',
        tzid: 'Asia/Manila',
        rrule: 'FREQ=DAILY;COUNT=10000',
      }).length,
  );
  // The work budget: a rule within the per-period limit whose expansion needs more than the
  // default budget (1,440 candidates a day, BYSETPOS=-1, 1,000 days) is refused after spending it.
  const minutes = Array.from({ length: 60 }, (_, i) => i).join(',');
  const hours = Array.from({ length: 24 }, (_, i) => i).join(',');
  measure(`domain, refused after ${DEFAULT_MAX_CANDIDATES.toLocaleString('en')} candidates`, () => {
    const got = expandSeries(
      {
        dtstart: '2026-01-01T00:00:00',
        tzid: 'Asia/Manila',
        rrule: `FREQ=DAILY;BYHOUR=${hours};BYMINUTE=${minutes};BYSETPOS=-1`,
      },
      { limit: 1000, onBudget: 'truncate' },
    );
    return got.occurrences.length;
  });
  console.log('\nRecurrence: 1,000 distinct series expanded over 2026 (best and median of 5 runs)');
  console.table(results);
}
