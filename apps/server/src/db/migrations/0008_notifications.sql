-- Notifications: the inbox entries, and their deliveries (the outbox the worker sends from).
-- A producer writes both in the transaction of the change that causes them, so a change and its
-- messages commit together or not at all.

create table notifications (
  id uuid primary key default gen_random_uuid(),
  recipient_id uuid not null references users (id) on delete cascade,
  type text not null check (type in (
    'item.invited', 'item.changed', 'item.cancelled', 'reminder', 'rsvp.updated',
    'booking.requested', 'booking.approved', 'booking.rejected', 'booking.conflict',
    'leave.requested', 'leave.decided', 'task.assigned', 'digest')),
  title text not null,
  body text not null,
  -- The web path the link opens; made absolute with KALENDARYO_PUBLIC_URL when presented.
  path text not null,
  -- An item deleted later keeps its messages (a cancellation outlives the item).
  item_id uuid references items (id) on delete set null,
  occurrence text,
  data jsonb not null default '{}',
  -- (type, item, occurrence, key) of the message: the same message enqueued twice is one row.
  dedupe_key text not null,
  -- The inbox shows a message from this instant (reminders are written ahead of time).
  due_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  read_at timestamptz,
  -- When the in-app channel published it live.
  delivered_at timestamptz,
  unique (recipient_id, dedupe_key)
);
create index notifications_inbox_idx on notifications (recipient_id, due_at desc, id);
create index notifications_unread_idx on notifications (recipient_id, due_at) where read_at is null;
create index notifications_item_idx on notifications (item_id) where item_id is not null;

-- One row per notification and channel. `pending` waits for due_at; a worker claims it
-- (`sending`, claimed_until = lease end) with FOR UPDATE SKIP LOCKED; a claim whose lease ran out
-- (the worker died) is claimed again. `sent`, `failed` (gave up) and `skipped` (channel not
-- configured, or no address) are final.
create table deliveries (
  id uuid primary key default gen_random_uuid(),
  notification_id uuid not null references notifications (id) on delete cascade,
  channel text not null check (channel in ('in_app', 'email', 'sms', 'push')),
  status text not null default 'pending'
    check (status in ('pending', 'sending', 'sent', 'failed', 'skipped')),
  due_at timestamptz not null,
  attempts integer not null default 0 check (attempts >= 0),
  claimed_until timestamptz,
  claim_token uuid,
  last_error text,
  sent_at timestamptz,
  -- (recipient, type, item, occurrence, key, channel): two workers or a restart never send twice.
  idempotency_key text not null unique,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (notification_id, channel),
  check (status <> 'sending' or (claimed_until is not null and claim_token is not null))
);
create index deliveries_due_idx on deliveries (due_at) where status = 'pending';
create index deliveries_claimed_idx on deliveries (claimed_until) where status = 'sending';
create index deliveries_failed_idx on deliveries (updated_at desc, id) where status = 'failed';

-- A person's choices; no row means the defaults (see modules/notifications/preferences.ts).
-- `channels` holds only the types the person changed.
create table notification_preferences (
  user_id uuid primary key references users (id) on delete cascade,
  channels jsonb not null default '{}',
  default_reminders integer[] not null default '{15}',
  quiet_enabled boolean not null default false,
  quiet_start text not null default '22:00',
  quiet_end text not null default '07:00',
  reminders_exempt boolean not null default true,
  working_days integer[] not null default '{1,2,3,4,5}',
  working_start text not null default '08:00',
  working_end text not null default '17:00',
  digest_enabled boolean not null default false,
  digest_time text not null default '07:00',
  phone text,
  updated_at timestamptz not null default now(),
  check (quiet_start <> quiet_end)
);
