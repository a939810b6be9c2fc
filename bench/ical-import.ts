/**
 * Importing a 5,000-event iCalendar file (one in ten a weekly series, one in five with guests) on
 * PGlite and PostgreSQL: the first import (all created), a dry run and a re-import (all
 * unchanged); time and the heap the import added.
 */
import { randomBytes } from 'node:crypto';
import { createCalendar } from '../apps/server/src/modules/calendars';
import type { Actor } from '../apps/server/src/modules/deps';
import { importCalendar } from '../apps/server/src/modules/ical';
import { largeCalendar } from '../apps/server/src/modules/ical/testing/large-file';
import { hashPassword } from '../apps/server/src/modules/users';
import { insertUser } from '../apps/server/src/modules/users/users.repository';
import { forEachDatabase } from './databases';

const EVENTS = Number(process.env.BENCH_ICAL_EVENTS ?? 5000);

export async function benchIcalImport(): Promise<void> {
  const text = largeCalendar(EVENTS);
  console.log(`\n## iCalendar import: ${EVENTS} events (${(text.length / 1024 / 1024).toFixed(1)} MB)`);
  const rows: Record<string, string>[] = [];
  await forEachDatabase(async (label, db) => {
    const user = await insertUser(db, {
      email: `bench-${randomBytes(4).toString('hex')}@oobc.example`,
      name: 'Bench',
      role: 'coordinator',
      passwordHash: await hashPassword('correct horse battery', 10),
    });
    const actor: Actor = {
      userId: user.id,
      role: 'coordinator',
      name: 'Bench',
      email: user.email,
      sessionId: 'bench',
      via: 'bearer',
      csrfToken: null,
    };
    const cal = await createCalendar({ db }, actor, { name: 'Bench import' }, { ip: '127.0.0.1' });
    for (const [step, dryRun] of [
      ['first import', false],
      ['dry run again', true],
      ['re-import', false],
    ] as const) {
      global.gc?.();
      const heap0 = process.memoryUsage().heapUsed;
      const t0 = performance.now();
      const r = await importCalendar({ db }, actor, cal.id, text, { dryRun }, { ip: '127.0.0.1' });
      const ms = performance.now() - t0;
      rows.push({
        database: label,
        step,
        seconds: (ms / 1000).toFixed(2),
        'events/s': Math.round(EVENTS / (ms / 1000)).toString(),
        'heap +MB': ((process.memoryUsage().heapUsed - heap0) / 1024 / 1024).toFixed(0),
        result: `${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged`,
      });
    }
  });
  console.table(rows);
}
