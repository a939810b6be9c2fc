-- Calendars, communities and calendar items of every kind (SCOPE §1).

create table communities (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 200),
  region text,
  province text,
  municipality text,
  barangay text,
  created_at timestamptz not null default now()
);
create unique index communities_name_key on communities (lower(name), coalesce(municipality, ''), coalesce(barangay, ''));

-- A personal calendar per user, and shared office or team calendars.
create table calendars (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 200),
  kind text not null check (kind in ('personal', 'shared')),
  owner_id uuid not null references users (id) on delete cascade,
  color text not null default '#0f766e' check (color ~ '^#[0-9a-fA-F]{6}$'),
  description text,
  created_at timestamptz not null default now(),
  version integer not null default 1
);
create unique index calendars_one_personal_per_user on calendars (owner_id) where kind = 'personal';

-- Per-user permissions on a calendar besides its owner (who may manage it).
create table calendar_members (
  calendar_id uuid not null references calendars (id) on delete cascade,
  user_id uuid not null references users (id) on delete cascade,
  permission text not null check (permission in ('view', 'edit', 'manage')),
  primary key (calendar_id, user_id)
);
create index calendar_members_user_idx on calendar_members (user_id);

insert into calendars (name, kind, owner_id) select name, 'personal', id from users;

-- One row per item, whatever its kind. A series is one row with its rule; occurrences are
-- expanded on read. `dtstart`/`dtend` are local wall times in `time_zone` (null = floating);
-- `start_at`/`end_at` are the instants of the first occurrence and `series_end_at` the end of the
-- last one (null while the series is unbounded), which let the feed select candidate rows.
create table items (
  id uuid primary key default gen_random_uuid(),
  calendar_id uuid not null references calendars (id) on delete cascade,
  kind text not null check (kind in ('event', 'engagement', 'task', 'assessment', 'community_event', 'leave')),
  title text not null check (length(title) between 1 and 500),
  description text,
  location text,
  all_day boolean not null default false,
  dtstart timestamp not null,
  dtend timestamp not null,
  time_zone text,
  start_at timestamptz not null,
  end_at timestamptz not null,
  rrule text,
  exdates timestamp[] not null default '{}',
  rdates timestamp[] not null default '{}',
  series_end_at timestamptz,
  status text not null default 'confirmed' check (status in ('tentative', 'confirmed', 'cancelled')),
  visibility text not null default 'default' check (visibility in ('default', 'public', 'private')),
  organizer_id uuid references users (id) on delete set null,
  community_id uuid references communities (id) on delete set null,
  color text check (color is null or color ~ '^#[0-9a-fA-F]{6}$'),
  uid text not null unique,
  sequence integer not null default 0,
  version integer not null default 1,
  split_from_id uuid references items (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (dtend >= dtstart),
  check (end_at >= start_at)
);
create index items_calendar_time_idx on items (calendar_id, start_at);
-- The span an item can occupy, first start to last end, for the feed's overlap test.
create index items_span_idx on items using gist (tstzrange(start_at, coalesce(series_end_at, 'infinity'::timestamptz), '[]'));
create index items_public_idx on items (start_at) where visibility = 'public';
create index items_community_idx on items (community_id) where community_id is not null;

-- Occurrences of a series that differ from the rule: moved, changed or cancelled (RECURRENCE-ID).
-- `recurrence_id` is the original local start of the occurrence.
create table item_exceptions (
  item_id uuid not null references items (id) on delete cascade,
  recurrence_id timestamp not null,
  cancelled boolean not null default false,
  dtstart timestamp,
  dtend timestamp,
  title text,
  description text,
  location text,
  status text check (status is null or status in ('tentative', 'confirmed', 'cancelled')),
  updated_at timestamptz not null default now(),
  primary key (item_id, recurrence_id),
  check (dtend is null or dtstart is null or dtend >= dtstart)
);

-- Kind-specific details, one table per kind, keyed by the item.
create table event_details (
  item_id uuid primary key references items (id) on delete cascade,
  event_type text not null default 'meeting' check (event_type in ('meeting', 'workshop', 'training', 'consultation', 'conference', 'other')),
  agenda text
);

create table engagement_details (
  item_id uuid primary key references items (id) on delete cascade,
  stakeholders text[] not null default '{}',
  engagement_type text not null default 'consultation' check (engagement_type in ('consultation', 'dialogue', 'partnership', 'courtesy_call', 'other')),
  objectives text
);

create table task_details (
  item_id uuid primary key references items (id) on delete cascade,
  assignee_id uuid references users (id) on delete set null,
  priority text not null default 'normal' check (priority in ('low', 'normal', 'high', 'urgent')),
  due_at timestamptz,
  task_status text not null default 'todo' check (task_status in ('todo', 'in_progress', 'done')),
  completed_at timestamptz
);
create index task_details_assignee_idx on task_details (assignee_id);

create table assessment_details (
  item_id uuid primary key references items (id) on delete cascade,
  assessment_type text not null default 'mana' check (assessment_type in ('mana', 'rapid', 'follow_up', 'other')),
  team text[] not null default '{}',
  objectives text
);

create table community_event_details (
  item_id uuid primary key references items (id) on delete cascade,
  event_category text not null check (event_category in ('cultural', 'religious', 'administrative')),
  service_impact text not null default 'none' check (service_impact in ('none', 'low', 'medium', 'high')),
  impact_notes text
);

create table leave_details (
  item_id uuid primary key references items (id) on delete cascade,
  leave_type text not null check (leave_type in ('vacation', 'sick', 'emergency', 'maternity', 'paternity', 'special', 'other')),
  approval_status text not null default 'pending' check (approval_status in ('pending', 'approved', 'rejected', 'cancelled')),
  approver_id uuid references users (id) on delete set null,
  decided_at timestamptz,
  decision_reason text
);
create index leave_details_status_idx on leave_details (approval_status);

-- Settings per user (e.g. whether holidays show on their calendar).
alter table users add column show_holidays boolean not null default true;
