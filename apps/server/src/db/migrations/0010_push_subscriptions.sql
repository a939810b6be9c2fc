-- Web push subscriptions (issue 12): one row per browser that asked to be notified. The endpoint
-- is the push service's address for that browser, so it is unique: a browser re-subscribing, or
-- another person signing in on it, updates the one row. The push service says 404/410 once a
-- subscription is gone, and the delivery worker deletes it.
create table push_subscriptions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  endpoint text not null unique check (length(endpoint) <= 2000),
  p256dh text not null,
  auth text not null,
  user_agent text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index push_subscriptions_user_idx on push_subscriptions (user_id);
