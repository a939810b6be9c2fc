-- Calendars that mirror an external .ics address (holidays, partners). The calendar itself is an
-- ordinary shared calendar; this row says where its items come from and how the last refresh went.
create table calendar_subscriptions (
  id uuid primary key default gen_random_uuid(),
  calendar_id uuid not null unique references calendars (id) on delete cascade,
  url text not null check (length(url) between 1 and 2000),
  etag text,
  last_modified text,
  refresh_minutes integer not null default 360 check (refresh_minutes between 5 and 10080),
  last_refresh_at timestamptz,
  last_success_at timestamptz,
  last_error text,
  next_refresh_at timestamptz not null default now(),
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now()
);
create index calendar_subscriptions_due_idx on calendar_subscriptions (next_refresh_at);

-- Items of a subscribed calendar change only through its refresh, which marks its transaction
-- with `set local kalendaryo.refreshing = 'on'`. Every other write is refused here, whatever
-- path it takes (edit, delete, move, exception, restore), with SQLSTATE KL001 (calendar.read_only).
create function refuse_subscribed_item_writes() returns trigger language plpgsql as $$
begin
  -- Referential actions (deleting the calendar, a user or community that items point at) run
  -- inside the foreign key's own trigger: they are not edits and pass.
  if coalesce(current_setting('kalendaryo.refreshing', true), '') = 'on' or pg_trigger_depth() > 1 then
    return coalesce(new, old);
  end if;
  if tg_op <> 'INSERT' then
    if exists (select 1 from calendar_subscriptions s where s.calendar_id = old.calendar_id) then
      raise exception 'calendar is a subscription' using errcode = 'KL001';
    end if;
  end if;
  if tg_op <> 'DELETE' then
    if exists (select 1 from calendar_subscriptions s where s.calendar_id = new.calendar_id) then
      raise exception 'calendar is a subscription' using errcode = 'KL001';
    end if;
  end if;
  return coalesce(new, old);
end $$;

create function refuse_subscribed_exception_writes() returns trigger language plpgsql as $$
declare
  target uuid;
begin
  if coalesce(current_setting('kalendaryo.refreshing', true), '') = 'on' or pg_trigger_depth() > 1 then
    return coalesce(new, old);
  end if;
  if tg_op = 'DELETE' then
    target := old.item_id;
  else
    target := new.item_id;
  end if;
  if exists (select 1 from items i join calendar_subscriptions s on s.calendar_id = i.calendar_id
              where i.id = target) then
    raise exception 'calendar is a subscription' using errcode = 'KL001';
  end if;
  return coalesce(new, old);
end $$;

create trigger items_subscribed_read_only before insert or update or delete on items
  for each row execute function refuse_subscribed_item_writes();
create trigger item_exceptions_subscribed_read_only before insert or update or delete on item_exceptions
  for each row execute function refuse_subscribed_exception_writes();
