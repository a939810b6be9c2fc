-- Participants of items, their RSVPs and attendance (issue #6).

-- Someone invited to an item: a user, or a guest without an account (name required). Walk-ins
-- are participants added by their own check-in. `code_nonce` is bound into personal codes:
-- changing it voids printed badges; removing the participant voids them too.
create table participants (
  id uuid primary key default gen_random_uuid(),
  item_id uuid not null references items (id) on delete cascade,
  user_id uuid references users (id) on delete cascade,
  guest_name text check (guest_name is null or length(guest_name) between 1 and 200),
  guest_organisation text,
  guest_email text,
  guest_phone text,
  walk_in boolean not null default false,
  needs jsonb not null default '{}',
  code_nonce text not null,
  created_at timestamptz not null default now(),
  check ((user_id is null) <> (guest_name is null))
);
create unique index participants_item_user_key on participants (item_id, user_id) where user_id is not null;
create index participants_item_idx on participants (item_id);
create index participants_user_idx on participants (user_id) where user_id is not null;

-- A participant's answer per occurrence: '' = every occurrence (or an item that does not repeat),
-- otherwise the recurrence id (original local start, YYYY-MM-DDTHH:MM:SS); the specific one wins.
create table rsvps (
  participant_id uuid not null references participants (id) on delete cascade,
  occurrence text not null default '',
  status text not null check (status in ('going', 'maybe', 'declined')),
  responded_at timestamptz not null default now(),
  primary key (participant_id, occurrence)
);

-- Attendance per participant and occurrence ('' for an item that does not repeat). No row means
-- "not checked in"; the primary key makes identical concurrent check-ins one row.
create table attendance (
  participant_id uuid not null references participants (id) on delete cascade,
  occurrence text not null default '',
  status text not null check (status in ('checked_in', 'checked_out')),
  method text not null check (method in ('manual', 'qr_code', 'nfc')),
  checked_in_at timestamptz not null,
  checked_out_at timestamptz,
  check_out_method text check (check_out_method is null or check_out_method in ('manual', 'qr_code', 'nfc')),
  recorded_by uuid references users (id) on delete set null,
  primary key (participant_id, occurrence),
  check ((status = 'checked_out') = (checked_out_at is not null)),
  check (checked_out_at is null or checked_out_at >= checked_in_at)
);

create table item_attendance_settings (
  item_id uuid primary key references items (id) on delete cascade,
  allow_walk_ins boolean not null default false
);
