-- Leave end to end and tasks done per occurrence (issue #5).

-- Personal leave and official business join the leave types; a backup person may cover the work.
alter table leave_details drop constraint leave_details_leave_type_check;
alter table leave_details add constraint leave_details_leave_type_check check (leave_type in
  ('vacation', 'sick', 'personal', 'official', 'emergency', 'maternity', 'paternity', 'special', 'other'));
alter table leave_details add column backup_user_id uuid references users (id) on delete set null;

-- The occurrences of a recurring task that are done, by their recurrence id (original local
-- start). The primary key makes completing one twice a no-op the second time, whatever the race.
create table task_completions (
  item_id uuid not null references items (id) on delete cascade,
  recurrence_id timestamp not null,
  completed_at timestamptz not null default now(),
  completed_by uuid references users (id) on delete set null,
  primary key (item_id, recurrence_id)
);
