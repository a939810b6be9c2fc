import type { AttendanceSummary } from '@kalendaryo/contract';

type SummaryGroup = AttendanceSummary['groups'][number];

export interface Bar {
  key: string;
  label: string;
  /** 0–100, 0 when nobody was expected. */
  percent: number;
  /** The numbers written out beside the bar. */
  text: string;
}

/** Rate bars of summary groups: the rate as a whole percent with "attended of expected". */
export function rateBars(groups: readonly SummaryGroup[]): Bar[] {
  return groups.map((g) => {
    const percent = g.rate === null ? 0 : Math.round(Math.min(1, Math.max(0, g.rate)) * 100);
    const text =
      g.rate === null
        ? `nobody expected (${g.occurrences} occurrence${g.occurrences === 1 ? '' : 's'})`
        : `${Math.round(g.rate * 100)}% (${g.attended} of ${g.expected})`;
    return { key: g.key, label: g.label, percent, text };
  });
}
