-- Deleted items, restorable for 30 days (issue #10). Deleting an item still removes its rows (so
-- no query has to skip deleted ones); the item with everything that cascades from it (details,
-- exceptions, participants, answers, attendance, attendance settings, task completions) is kept
-- here as JSON and inserted again, with the same id and UID, when it is restored. A snapshot goes
-- with its calendar; an hourly purge removes those older than 30 days.
create table deleted_items (
  item_id uuid primary key,
  calendar_id uuid not null references calendars (id) on delete cascade,
  kind text not null,
  title text not null,
  visibility text not null,
  organizer_id uuid references users (id) on delete set null,
  deleted_by uuid references users (id) on delete set null,
  deleted_at timestamptz not null default now(),
  start_at timestamptz not null,
  snapshot jsonb not null
);
create index deleted_items_deleted_at_idx on deleted_items (deleted_at);
create index deleted_items_calendar_idx on deleted_items (calendar_id, deleted_at desc, item_id);
