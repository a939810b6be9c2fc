import type { ItemKind, ItemStatus } from '@kalendaryo/contract';
import { KIND_COLORS } from '@kalendaryo/domain/office/index';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { SelectField } from '../../app/ui/field';
import { CalendarImportActions } from '../ical/import-actions';
import { ShareDialog } from '../sharing/share-dialog';
import { calendarsQuery, communitiesQuery } from './calendar-api';
import { itemKinds, itemStatuses, kindLabels, statusLabels } from './labels';
import type { CalendarFilters } from './view-state';

interface CheckGroupProps<T extends string> {
  legend: string;
  all: readonly T[];
  /** Chosen values; empty means all. */
  chosen: readonly T[];
  label: (v: T) => string;
  color?: (v: T) => string | undefined;
  onChange: (next: T[]) => void;
}

/** Checkboxes over a set where "none chosen" means "all", so new values show by default. */
function CheckGroup<T extends string>({ legend, all, chosen, label, color, onChange }: CheckGroupProps<T>) {
  const isOn = (v: T) => chosen.length === 0 || chosen.includes(v);
  const toggle = (v: T, on: boolean) => {
    const current = all.filter(isOn);
    const next = on ? [...current, v] : current.filter((x) => x !== v);
    onChange(next.length === all.length ? [] : all.filter((x) => next.includes(x)));
  };
  return (
    <fieldset className="check-group">
      <legend>{legend}</legend>
      {all.map((v) => (
        <label key={v} className="check">
          <input type="checkbox" checked={isOn(v)} onChange={(e) => toggle(v, e.target.checked)} />
          {color?.(v) ? (
            <span className="swatch" style={{ background: color(v) }} aria-hidden="true" />
          ) : null}
          {label(v)}
        </label>
      ))}
    </fieldset>
  );
}

interface Props {
  filters: CalendarFilters;
  onChange: (next: Partial<CalendarFilters>) => void;
}

/** The filters beside the calendar: which calendars, kinds, statuses, community, holidays. */
export function CalendarFiltersPanel({ filters, onChange }: Props) {
  const calendars = useQuery(calendarsQuery);
  const communities = useQuery(communitiesQuery(''));
  const holidaysId = useId();
  const calendarIds = (calendars.data ?? []).map((c) => c.id);
  const calendarById = new Map((calendars.data ?? []).map((c) => [c.id, c]));
  const [sharing, setSharing] = useState<string | null>(null);
  const shared = sharing ? calendarById.get(sharing) : undefined;

  return (
    <search className="calendar-filters" aria-label="Calendar filters">
      {calendarIds.length > 0 ? (
        <CheckGroup
          legend="Calendars"
          all={calendarIds}
          chosen={filters.calendars.filter((c) => calendarById.has(c))}
          label={(id) => calendarById.get(id)?.name ?? id}
          color={(id) => calendarById.get(id)?.color}
          onChange={(next) => onChange({ calendars: next })}
        />
      ) : null}
      {calendarIds.length > 0 ? (
        <ul className="calendar-share-list" aria-label="Share and subscribe">
          {calendarIds.map((id) => (
            <li key={id}>
              <button
                type="button"
                className="button button--ghost button--small"
                onClick={() => setSharing(id)}
              >
                Share {calendarById.get(id)?.name}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {shared ? <ShareDialog calendar={shared} onClose={() => setSharing(null)} /> : null}
      <CalendarImportActions calendars={calendars.data ?? []} />
      <CheckGroup<ItemKind>
        legend="Kinds"
        all={itemKinds}
        chosen={filters.kinds}
        label={(k) => kindLabels[k]}
        color={(k) => KIND_COLORS[k]}
        onChange={(next) => onChange({ kinds: next })}
      />
      <CheckGroup<ItemStatus>
        legend="Status"
        all={itemStatuses}
        chosen={filters.statuses}
        label={(s) => statusLabels[s]}
        onChange={(next) => onChange({ statuses: next })}
      />
      <SelectField
        name="community-filter"
        label="Community"
        value={filters.community}
        onChange={(e) => onChange({ community: e.target.value })}
        options={[
          { value: '', label: 'All communities' },
          ...(communities.data ?? []).map((c) => ({ value: c.id, label: c.name })),
        ]}
      />
      <label className="check" htmlFor={holidaysId}>
        <input
          id={holidaysId}
          type="checkbox"
          checked={filters.holidays}
          onChange={(e) => onChange({ holidays: e.target.checked })}
        />
        <span className="swatch" style={{ background: KIND_COLORS.holiday }} aria-hidden="true" />
        Show holidays
      </label>
    </search>
  );
}
