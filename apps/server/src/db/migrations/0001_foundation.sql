-- Foundation: users, sessions and tokens, sign-in throttling, audit log, settings.

create table users (
  id uuid primary key default gen_random_uuid(),
  email text not null check (email = lower(email) and length(email) between 3 and 254),
  name text not null check (length(name) between 1 and 200),
  role text not null check (role in ('admin', 'coordinator', 'staff', 'viewer')),
  password_hash text not null,
  active boolean not null default true,
  time_zone text not null default 'Asia/Manila',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  last_sign_in_at timestamptz,
  version integer not null default 1
);
create unique index users_email_key on users (email);
create index users_name_idx on users (lower(name), id);

-- Web sessions (cookie) and API tokens (bearer): only a SHA-256 of the secret is stored.
create table sessions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  token_hash text not null unique,
  kind text not null check (kind in ('cookie', 'bearer')),
  csrf_token text,
  created_at timestamptz not null default now(),
  last_used_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz,
  ip text,
  user_agent text
);
create index sessions_user_live_idx on sessions (user_id) where revoked_at is null;

-- Failed sign-ins per account ('acct:<email>') and per address ('ip:<address>').
create table auth_throttle (
  key text primary key,
  failures integer not null,
  window_start timestamptz not null,
  blocked_until timestamptz
);

create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor_id uuid references users (id) on delete set null,
  action text not null,
  entity_type text,
  entity_id text,
  ip text,
  data jsonb not null default '{}'
);
create index audit_log_at_idx on audit_log (at desc);
create index audit_log_entity_idx on audit_log (entity_type, entity_id);

create table settings (
  key text primary key,
  value jsonb not null,
  updated_at timestamptz not null default now()
);
