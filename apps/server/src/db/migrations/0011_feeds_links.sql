-- Subscription feeds and share links (issue 13). Secrets are kept only as SHA-256 hashes: the
-- token is shown once and a leaked table lets nobody in.

-- One secret feed URL per user and calendar; it shows what that user may see of the calendar.
-- `content_hash` and `content_changed_at` remember the last answer, so Last-Modified is the time
-- the feed's content last changed, whatever changed it.
create table calendar_feeds (
  id uuid primary key default gen_random_uuid(),
  calendar_id uuid not null references calendars (id) on delete cascade,
  user_id uuid not null references users (id) on delete cascade,
  token_hash text not null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  content_hash text,
  content_changed_at timestamptz
);
create unique index calendar_feeds_token_key on calendar_feeds (token_hash);
create unique index calendar_feeds_owner_key on calendar_feeds (calendar_id, user_id);

-- Links that open a calendar to whoever holds them: `view` (a public read-only page and its .ics)
-- or `edit` (signed-in users who accept it become edit members). Revoked links stay for the log.
create table share_links (
  id uuid primary key default gen_random_uuid(),
  calendar_id uuid not null references calendars (id) on delete cascade,
  created_by uuid references users (id) on delete set null,
  token_hash text not null,
  access text not null check (access in ('view', 'edit')),
  show_details boolean not null default true,
  expires_at timestamptz,
  max_views integer check (max_views is null or max_views > 0),
  views integer not null default 0 check (views >= 0),
  revoked_at timestamptz,
  created_at timestamptz not null default now(),
  last_used_at timestamptz
);
create unique index share_links_token_key on share_links (token_hash);
create index share_links_calendar_idx on share_links (calendar_id, created_at desc, id desc);

-- Every use of a link: who (a user, or null for anonymous), with what, from where (hashed).
create table share_link_accesses (
  id uuid primary key default gen_random_uuid(),
  link_id uuid not null references share_links (id) on delete cascade,
  at timestamptz not null default now(),
  user_id uuid references users (id) on delete set null,
  action text not null check (action in ('open', 'calendar', 'ics', 'accept')),
  user_agent text,
  address_hash text not null
);
create index share_link_accesses_link_idx on share_link_accesses (link_id, at desc, id desc);
