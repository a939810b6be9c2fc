/**
 * The utilisation heatmap: resources × days, each cell's colour stepped by the booked fraction,
 * and its value written out so it is read, not guessed from a shade.
 */
import type { ResourceUtilisation } from '@kalendaryo/contract';
import { isOneOf, type ResourceType, resourceTypes } from '@kalendaryo/contract/values';
import { addDays, formatWall, isRealDate, startOfWeek } from '../../app/time';

export interface HeatCell {
  date: string;
  /** null: the server said nothing about this day. */
  fraction: number | null;
  /** 0 (nothing booked) … 4 (fully booked), for the colour. */
  level: 0 | 1 | 2 | 3 | 4;
  text: string;
  /** Held by requests still waiting for approval ('' when none). */
  pendingText: string;
}

export interface HeatRow {
  resourceId: string;
  name: string;
  cells: HeatCell[];
  /** Mean over the days the server reported. */
  average: number | null;
}

export const HEATMAP_DAYS = 14;

/** 0 for nothing booked, then quarters: (0, .25], (.25, .5], (.5, .75], (.75, 1]. */
export function heatLevel(fraction: number | null): HeatCell['level'] {
  if (fraction === null || fraction <= 0) return 0;
  return Math.min(4, Math.ceil(fraction * 4)) as HeatCell['level'];
}

/** "0%", "45%", "100%"; a little booking never reads as "0%". */
export function percentText(fraction: number | null): string {
  if (fraction === null) return 'No data';
  if (fraction > 0 && fraction < 0.005) return '<1%';
  return `${Math.round(fraction * 100)}%`;
}

export const datesFrom = (from: string, days: number): string[] =>
  Array.from({ length: days }, (_, i) => addDays(from, i));

/** One row per resource, one cell per date, in the order given. */
export function heatRows(items: readonly ResourceUtilisation[], dates: readonly string[]): HeatRow[] {
  return items.map((item) => {
    const byDate = new Map(item.days.map((d) => [d.date, d]));
    const cells = dates.map((date) => {
      const day = byDate.get(date);
      const fraction = day?.booked ?? null;
      const pendingText = day?.pending ? `+${percentText(day.pending)}` : '';
      return { date, fraction, level: heatLevel(fraction), text: percentText(fraction), pendingText };
    });
    const known = cells.flatMap((c) => (c.fraction === null ? [] : [c.fraction]));
    return {
      resourceId: item.resource.id,
      name: item.resource.name,
      cells,
      average: known.length ? known.reduce((a, b) => a + b, 0) / known.length : null,
    };
  });
}

export interface HeatmapState {
  from: string;
  type: ResourceType | '';
}

/** From the URL: `?from=YYYY-MM-DD&type=`; by default the two weeks from this Monday. */
export function heatmapFromParams(params: URLSearchParams, today: string): HeatmapState {
  const from = params.get('from');
  const type = params.get('type');
  return {
    from: isRealDate(from) ? from : startOfWeek(today, 1),
    type: isOneOf(resourceTypes, type) ? type : '',
  };
}

export function paramsFromHeatmap(s: HeatmapState, today: string): URLSearchParams {
  const p = new URLSearchParams();
  if (s.from !== startOfWeek(today, 1)) p.set('from', s.from);
  if (s.type) p.set('type', s.type);
  return p;
}

/** "Mon 4" for a column header; the full date goes in its accessible name. */
export const dayHeader = (date: string): string => formatWall(date, { weekday: 'short', day: 'numeric' });
export const fullDate = (date: string): string =>
  formatWall(date, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
