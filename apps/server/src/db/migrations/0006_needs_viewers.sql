-- Participants' preparation needs (which may be about health) and contact details are for the
-- organiser, the person themself and the people the organiser names here; not for everyone who
-- manages the item.
alter table item_attendance_settings
  add column needs_viewers uuid[] not null default '{}';
