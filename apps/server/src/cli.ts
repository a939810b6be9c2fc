import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createUserBody, listUsersQuery, type Role } from '@kalendaryo/contract';
import { isAppError } from '@kalendaryo/domain';
import { Command, Option } from 'commander';
import { loadConfig } from './config';
import { openPglite } from './db/client';
import { lockDataDir } from './db/lock';
import { migrate } from './db/migrate';
import { backupEmbedded, openDatabase } from './db/open';
import { runBookingHorizon } from './modules/bookings';
import { DEMO_PASSWORD, seedDemo } from './modules/seed';
import { countUsers, createUser, listUsers } from './modules/users';
import { serve, work } from './server';

const program = new Command('kalendaryo')
  .description('Kalendaryo — the integrated calendar of the OOBC')
  .version('0.1.0');

program
  .command('serve')
  .description('start the server (PORT, HOST, DATA_DIR, DATABASE_URL, REDIS_URL)')
  .action(async () => {
    await serve();
  });

program
  .command('worker')
  .description('send notifications without serving HTTP (several may run on one PostgreSQL)')
  .action(async () => {
    await work();
  });

program
  .command('migrate')
  .description('apply pending database migrations')
  .action(async () => {
    const config = loadConfig();
    const opened = await openDatabase(config, { migrate: false });
    try {
      const applied = await migrate(opened.db);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
    } finally {
      await opened.close();
    }
  });

const user = program.command('user').description('manage users');
user
  .command('create')
  .description('create a user')
  .requiredOption('--email <email>')
  .requiredOption('--name <name>')
  .requiredOption('--password <password>')
  .addOption(
    new Option('--role <role>').choices(['admin', 'coordinator', 'staff', 'viewer']).default('staff'),
  )
  .action(async (opts: { email: string; name: string; password: string; role: Role }) => {
    const parsed = createUserBody.safeParse(opts);
    if (!parsed.success) {
      for (const i of parsed.error.issues) console.error(`--${i.path.join('.')}: ${i.message}`);
      process.exitCode = 2;
      return;
    }
    const config = loadConfig();
    const opened = await openDatabase(config);
    try {
      const created = await createUser({ db: opened.db, config }, null, parsed.data, { ip: 'cli' });
      console.log(`Created ${created.role} ${created.name} <${created.email}> (${created.id})`);
    } finally {
      await opened.close();
    }
  });
user
  .command('list')
  .description('list users')
  .option('--json', 'print JSON')
  .action(async (opts: { json?: boolean }) => {
    const config = loadConfig();
    const opened = await openDatabase(config);
    try {
      const all = [];
      let cursor: string | undefined;
      do {
        const page = await listUsers(
          { db: opened.db },
          null,
          listUsersQuery.parse({ limit: 500, ...(cursor ? { cursor } : {}) }),
        );
        all.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      if (opts.json) console.log(JSON.stringify(all, null, 2));
      else
        for (const u of all)
          console.log(`${u.active ? ' ' : 'x'} ${u.role.padEnd(11)} ${u.email.padEnd(36)} ${u.name}`);
    } finally {
      await opened.close();
    }
  });

program
  .command('seed')
  .description('fill the database with data')
  .option('--demo', 'a realistic OOBC office: staff, calendars, communities and a few months of items')
  .action(async (opts: { demo?: boolean }) => {
    if (!opts.demo) {
      console.error('Say what to seed: --demo');
      process.exitCode = 2;
      return;
    }
    const config = loadConfig();
    const opened = await openDatabase(config);
    try {
      const r = await seedDemo({ db: opened.db, config }, new Date());
      if (!r.seeded) console.log('The demo data is already there.');
      else
        console.log(
          `Seeded ${r.users} users and ${r.items} items. Every demo user signs in with the password "${DEMO_PASSWORD}", e.g. director@oobc.example (admin), amina.lidasan@oobc.example (coordinator), norhana.ali@oobc.example (staff).`,
        );
    } finally {
      await opened.close();
    }
  });

const jobs = program.command('jobs').description('run periodic jobs by hand');
jobs
  .command('run-booking-horizon')
  .description('book the occurrences of recurring items that came within the booking horizon')
  .action(async () => {
    const config = loadConfig();
    const opened = await openDatabase(config);
    try {
      const r = await runBookingHorizon(opened.db);
      console.log(
        `Booking horizon: ${r.series} standing requests advanced, ${r.booked} bookings made, ${r.conflicts} occurrences taken and ${r.refused} refused (see the audit log), ${r.stopped} stopped.`,
      );
      for (const e of r.errors) console.error(`failed: ${e}`);
      if (r.errors.length) process.exitCode = 1;
    } finally {
      await opened.close();
    }
  });

program
  .command('backup')
  .description('write the embedded database to one file (stop the server first)')
  .argument(
    '[file]',
    'the backup file',
    `kalendaryo-backup-${new Date().toISOString().slice(0, 19).replaceAll(':', '')}.tar.gz`,
  )
  .action(async (file: string) => {
    const config = loadConfig();
    if (config.databaseUrl) {
      console.error(
        'DATABASE_URL is set: back up PostgreSQL with pg_dump; this command backs up the embedded database.',
      );
      process.exitCode = 2;
      return;
    }
    const opened = await openDatabase(config, { migrate: false });
    try {
      const bytes = await backupEmbedded(opened.db, file);
      console.log(`Wrote ${path.resolve(file)} (${(bytes / 1024 / 1024).toFixed(1)} MiB)`);
    } finally {
      await opened.close();
    }
  });

program
  .command('restore')
  .description('replace the embedded database with a backup file (stop the server first)')
  .argument('<file>', 'a file written by `kalendaryo backup`')
  .action(async (file: string) => {
    const config = loadConfig();
    if (config.databaseUrl) {
      console.error(
        'DATABASE_URL is set: restore PostgreSQL with pg_restore/psql; this command restores the embedded database.',
      );
      process.exitCode = 2;
      return;
    }
    if (!existsSync(file)) {
      console.error(`No such file: ${file}`);
      process.exitCode = 2;
      return;
    }
    const release = lockDataDir(config.dataDir);
    const target = path.join(config.dataDir, 'pgdata');
    const aside = `${target}.before-restore-${Date.now()}`;
    try {
      const blob = new Blob([readFileSync(file)]);
      // Load into a scratch directory first, so a bad file leaves the current data untouched.
      const scratch = `${target}.restoring`;
      rmSync(scratch, { recursive: true, force: true });
      let users: number;
      try {
        const db = await openPglite(scratch, blob);
        try {
          await migrate(db);
          users = await countUsers(db);
        } finally {
          await db.close();
        }
      } catch (e) {
        rmSync(scratch, { recursive: true, force: true });
        console.error(
          `Could not restore ${file}: it is not a backup written by \`kalendaryo backup\` (${e instanceof Error ? e.message : e}). The current data is unchanged.`,
        );
        process.exitCode = 1;
        return;
      }
      if (existsSync(target)) renameSync(target, aside);
      renameSync(scratch, target);
      console.log(
        `Restored ${users} users from ${file}.${existsSync(aside) ? ` The previous data is kept in ${aside}.` : ''}`,
      );
    } finally {
      release();
    }
  });

program.parseAsync().catch((e: unknown) => {
  if (isAppError(e)) console.error(`${e.code}: ${e.detail ?? e.message}`);
  else console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
