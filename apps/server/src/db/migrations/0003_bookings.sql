-- Resources and their bookings (SCOPE §2).
-- The database itself forbids double booking: an exclusion constraint over each resource's
-- pending and approved time ranges holds whatever the number of app servers and however their
-- transactions interleave. The application never checks first and inserts second.

create extension if not exists btree_gist;

create table resources (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 200),
  type text not null check (type in ('vehicle', 'equipment', 'room', 'facility', 'facilitator', 'other')),
  location text,
  capacity integer check (capacity is null or capacity >= 0),
  description text,
  status text not null default 'available' check (status in ('available', 'maintenance', 'retired')),
  -- The person a facilitator resource stands for.
  user_id uuid references users (id) on delete set null,
  -- Booking rules; null means no limit.
  max_days_ahead integer check (max_days_ahead is null or max_days_ahead between 0 and 3650),
  max_duration_minutes integer check (max_duration_minutes is null or max_duration_minutes > 0),
  auto_approve boolean not null default false,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);
create index resources_name_idx on resources (lower(name), id);
create index resources_type_idx on resources (type, status);

-- Who approves a resource's bookings; none means administrators and coordinators.
create table resource_approvers (
  resource_id uuid not null references resources (id) on delete cascade,
  user_id uuid not null references users (id) on delete cascade,
  primary key (resource_id, user_id)
);
create index resource_approvers_user_idx on resource_approvers (user_id);

-- A booking keeps its calendar item's id while the item exists. When the item is deleted the
-- booking stays, standalone (on delete set null): it is the requester's and approver's record,
-- with its decision, check-out and check-in times and its audit trail, and it may still be needed
-- (the trip happens without the meeting). A cascade would erase approved bookings without a
-- cancellation anyone decided or the audit log recorded.
create table bookings (
  id uuid primary key default gen_random_uuid(),
  resource_id uuid not null references resources (id) on delete restrict,
  requester_id uuid references users (id) on delete set null,
  item_id uuid references items (id) on delete set null,
  -- The recurrence id (original local start) of the item's occurrence this booking is for.
  occurrence timestamp,
  start_at timestamptz not null,
  end_at timestamptz not null,
  purpose text not null check (length(purpose) between 1 and 1000),
  notes text,
  status text not null default 'pending'
    check (status in ('pending', 'approved', 'rejected', 'cancelled', 'completed')),
  decided_by uuid references users (id) on delete set null,
  decided_at timestamptz,
  decision_reason text,
  cancelled_at timestamptz,
  completed_at timestamptz,
  checked_out_at timestamptz,
  checked_in_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  constraint bookings_time_order check (end_at > start_at),
  constraint bookings_check_in_order
    check (checked_in_at is null or (checked_out_at is not null and checked_in_at >= checked_out_at)),
  constraint bookings_no_overlap exclude using gist (
    resource_id with =,
    tstzrange(start_at, end_at, '[)') with &&
  ) where (status in ('pending', 'approved'))
);
create index bookings_start_idx on bookings (start_at, id);
create index bookings_requester_idx on bookings (requester_id, start_at);
create index bookings_resource_start_idx on bookings (resource_id, start_at);
create index bookings_item_idx on bookings (item_id) where item_id is not null;
-- One live booking of a resource per occurrence of an item: booking a series twice, or two
-- horizon jobs on two servers at once, cannot book an occurrence twice.
create unique index bookings_item_occurrence_key
  on bookings (resource_id, item_id, coalesce(occurrence, '-infinity'::timestamp))
  where item_id is not null and status in ('pending', 'approved', 'completed');

-- A standing request to book every occurrence of an item: occurrences beyond the horizon are
-- booked by the periodic horizon job as the horizon moves. `booked_through` is the instant up
-- to which occurrences have been requested.
create table booking_series (
  id uuid primary key default gen_random_uuid(),
  item_id uuid not null references items (id) on delete cascade,
  resource_id uuid not null references resources (id) on delete cascade,
  requester_id uuid not null references users (id) on delete cascade,
  purpose text not null check (length(purpose) between 1 and 1000),
  notes text,
  horizon_days integer not null check (horizon_days between 1 and 3650),
  booked_through timestamptz not null,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (item_id, resource_id)
);
create index booking_series_due_idx on booking_series (booked_through) where active;
