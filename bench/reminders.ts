/**
 * The reminder job when 10,000 reminders fall due in the same minute: 10,000 items (and 1,000
 * people) starting at 09:15 with everyone's default 15-minute reminder, beside 20,000 weekly
 * series and 20,000 single items spread over a year that the span index must leave aside. Times
 * one run that enqueues the whole minute into the outbox (notifications and their deliveries),
 * and a quiet run (a minute with nothing due) over the same data — the cost of every 30 s tick.
 */
import type { Db } from '../apps/server/src/db/client';
import { runReminders } from '../apps/server/src/modules/reminders';
import { forEachDatabase, summarize } from './databases';

const PEOPLE = 1000;
const DUE = Number(process.env.BENCH_REMINDERS ?? 10_000);
const BACKGROUND = 20_000;
const QUIET_RUNS = 10;

async function seed(db: Db) {
  await db.query(
    `insert into users (email, name, role, password_hash, time_zone)
     select 'bench-rem-' || g || '@oobc.example', 'Person ' || g, 'staff', 'x', 'Asia/Manila'
       from generate_series(1, $1::int) g`,
    [PEOPLE],
  );
  await db.query(
    `insert into calendars (name, kind, owner_id) select 'Office', 'shared', id from users order by id limit 1`,
  );
  const common = `(select id from calendars where name = 'Office'), 'event', 'Item ' || g, false`;
  const person = `(select id from users order by id offset (g % ${PEOPLE}) limit 1)`;
  // The minute that matters: 10,000 items at 2030-03-04 09:15 UTC → reminders at 09:00.
  await db.query(
    `insert into items (calendar_id, kind, title, all_day, dtstart, dtend, time_zone, start_at, end_at,
                        series_end_at, organizer_id, uid)
     select ${common}, '2030-03-04T09:15:00', '2030-03-04T10:15:00', 'UTC',
            '2030-03-04T09:15:00Z', '2030-03-04T10:15:00Z', '2030-03-04T10:15:00Z', ${person}, 'due-' || g
       from generate_series(1, $1::int) g`,
    [DUE],
  );
  // Background: weekly series from 2029 that end before the minute, and single items over 2030.
  await db.query(
    `insert into items (calendar_id, kind, title, all_day, dtstart, dtend, time_zone, start_at, end_at, rrule,
                        series_end_at, organizer_id, uid)
     select ${common}, timestamp '2029-01-01 08:00' + (g % 500) * interval '1 hour',
            timestamp '2029-01-01 09:00' + (g % 500) * interval '1 hour', 'UTC',
            timestamptz '2029-01-01 08:00Z' + (g % 500) * interval '1 hour',
            timestamptz '2029-01-01 09:00Z' + (g % 500) * interval '1 hour', 'FREQ=WEEKLY;COUNT=20',
            timestamptz '2029-05-20 09:00Z' + (g % 500) * interval '1 hour', ${person}, 'bg-series-' || g
       from generate_series(1, $1::int) g`,
    [BACKGROUND],
  );
  await db.query(
    `insert into items (calendar_id, kind, title, all_day, dtstart, dtend, time_zone, start_at, end_at,
                        series_end_at, organizer_id, uid)
     select ${common}, timestamp '2030-01-01 00:07' + g * interval '26 minutes',
            timestamp '2030-01-01 01:07' + g * interval '26 minutes', 'UTC',
            timestamptz '2030-01-01 00:07Z' + g * interval '26 minutes',
            timestamptz '2030-01-01 01:07Z' + g * interval '26 minutes',
            timestamptz '2030-01-01 01:07Z' + g * interval '26 minutes', ${person}, 'bg-single-' || g
       from generate_series(1, $1::int) g`,
    [BACKGROUND],
  );
  await db.query('analyze');
}

const setScanned = (db: Db, iso: string) =>
  db.query(`update reminder_jobs set scanned_until = $1 where job = 'reminders'`, [iso]);

export async function benchReminders() {
  const rows: Record<string, string | number>[] = [];
  await forEachDatabase(async (label, db) => {
    try {
      await seed(db);
      // Quiet ticks: 30 s windows in a minute where nothing is due.
      const quiet: number[] = [];
      for (let i = 0; i < QUIET_RUNS; i++) {
        const now = Date.parse('2030-03-04T06:00:00Z') + i * 30_000;
        await setScanned(db, new Date(now - 30_000 + 120_000).toISOString());
        const t0 = performance.now();
        await runReminders(db, new Date(now));
        quiet.push(performance.now() - t0);
      }
      // The busy minute: one run whose window holds all 10,000 fire times (09:00).
      await setScanned(db, '2030-03-04T08:59:30Z');
      const t0 = performance.now();
      const run = await runReminders(db, new Date('2030-03-04T08:58:30Z'));
      const busyMs = performance.now() - t0;
      const deliveries = await db.query<{ n: number }>('select count(*)::int as n from deliveries');
      const q = summarize(quiet);
      rows.push({
        database: label,
        'reminders due': DUE,
        enqueued: run.enqueued,
        deliveries: deliveries.rows[0]!.n,
        'busy run ms': Math.round(busyMs),
        'per reminder ms': +(busyMs / Math.max(run.enqueued, 1)).toFixed(3),
        'quiet tick p50 ms': +q.median.toFixed(1),
        'quiet tick p95 ms': +q.p95.toFixed(1),
      });
    } finally {
      await db.close();
    }
  });
  console.log(`\nReminder job: ${DUE} reminders due in one minute, ${2 * BACKGROUND} other items`);
  console.table(rows);
}
