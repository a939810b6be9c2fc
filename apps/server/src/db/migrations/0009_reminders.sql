-- Reminders of calendar items and the daily digest (issue 12).

-- A person's own reminders for an item, in minutes before the start of each occurrence. No row:
-- their default reminders apply (preferences); an empty list: no reminders for this item.
create table item_reminders (
  item_id uuid not null references items (id) on delete cascade,
  user_id uuid not null references users (id) on delete cascade,
  minutes integer[] not null check (
    cardinality(minutes) <= 5 and 0 <= all (minutes) and 40320 >= all (minutes)
  ),
  updated_at timestamptz not null default now(),
  primary key (item_id, user_id)
);
create index item_reminders_user_idx on item_reminders (user_id);

-- How far each periodic job has looked. The instance that holds a job's row
-- (FOR UPDATE SKIP LOCKED) does that job's work; the others skip the tick. Reminders are
-- enqueued for fire times in [scanned_until, now + look-ahead) and the row moves in the same
-- transaction, so a crash before commit leaves the window to be scanned again.
create table reminder_jobs (
  job text primary key check (job in ('reminders', 'digest')),
  scanned_until timestamptz not null
);
insert into reminder_jobs (job, scanned_until) values ('reminders', now()), ('digest', now());

-- One daily digest per person and local date: the insert is the claim, so two servers or a
-- restart never send a day's digest twice.
create table digest_runs (
  user_id uuid not null references users (id) on delete cascade,
  local_date date not null,
  sent_at timestamptz not null default now(),
  primary key (user_id, local_date)
);

-- The reminder job looks for occurrences moved by an exception into its window (a moved
-- occurrence may lie outside its series' span, which the span index covers).
create index item_exceptions_moved_idx on item_exceptions (dtstart) where dtstart is not null;
