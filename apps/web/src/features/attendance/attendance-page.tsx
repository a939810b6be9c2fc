import type { ItemKind } from '@kalendaryo/contract';
import { type SummaryGrouping, summaryGroupings } from '@kalendaryo/contract/values';
import { isApproverRole, OFFICE_TIME_ZONE } from '@kalendaryo/domain/office/index';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../../app/api';
import { isoInstant, todayIn } from '../../app/time';
import { FormMessage } from '../../app/ui/alert';
import { useDocumentTitle } from '../../app/use-document-title';
import { useSession } from '../auth/session';
import { kindLabels } from '../calendar/labels';
import { summaryQuery } from './attendance-api';
import { rateBars } from './chart';

const chartTitles: Record<SummaryGrouping, string> = {
  kind: 'Attendance rate by kind of event',
  community: 'Attendance rate by community',
  month: 'Attendance rate over time (by month)',
};

const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** Attendance across items: rates by kind, community and month, as bar charts with the numbers written out. */
export function AttendancePage() {
  useDocumentTitle('Attendance');
  const { user } = useSession();
  const [search, setSearch] = useSearchParams();
  const today = todayIn(OFFICE_TIME_ZONE);
  const from = search.get('from') ?? addDays(today, -180);
  const to = search.get('to') ?? addDays(today, 1);
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set(key, value);
    else next.delete(key);
    setSearch(next, { replace: true });
  };
  const allowed = isApproverRole(user.role);
  return (
    <section className="attendance-page">
      <div className="page-header">
        <h1>Attendance</h1>
      </div>
      <p>
        Who took part in events. Open an event in the calendar and choose <strong>Participants</strong> to
        invite people, check them in and see its report.
      </p>
      {allowed ? (
        <>
          <fieldset className="filters">
            <legend className="visually-hidden">Dates</legend>
            <label>
              From <input type="date" value={from} onChange={(e) => set('from', e.target.value)} />
            </label>
            <label>
              To <input type="date" value={to} onChange={(e) => set('to', e.target.value)} />
            </label>
          </fieldset>
          <div className="charts">
            {summaryGroupings.map((g) => (
              <RateChart key={g} from={from} to={to} groupBy={g} />
            ))}
          </div>
        </>
      ) : (
        <p className="cell-note">Summaries across events are for coordinators and administrators.</p>
      )}
    </section>
  );
}

function RateChart({ from, to, groupBy }: { from: string; to: string; groupBy: SummaryGrouping }) {
  const summary = useQuery(
    summaryQuery(
      isoInstant(`${from}T00:00`, OFFICE_TIME_ZONE),
      isoInstant(`${to}T00:00`, OFFICE_TIME_ZONE),
      groupBy,
    ),
  );
  const titleId = useId();
  const bars = rateBars(
    (summary.data?.groups ?? []).map((g) =>
      groupBy === 'kind' && g.key in kindLabels ? { ...g, label: kindLabels[g.key as ItemKind] } : g,
    ),
  );
  const row = 28;
  const labelWidth = 190;
  const barWidth = 260;
  const height = Math.max(1, bars.length) * row + 8;
  return (
    <figure className="panel chart" aria-labelledby={titleId}>
      <figcaption id={titleId}>
        <h2>{chartTitles[groupBy]}</h2>
      </figcaption>
      {summary.isError ? <FormMessage tone="error">{errorMessage(summary.error)}</FormMessage> : null}
      {summary.isPending ? <p role="status">Loading…</p> : null}
      {summary.data && bars.length === 0 ? <p>No events with participants in these dates.</p> : null}
      {summary.data?.truncated ? (
        <p className="notice" role="status">
          Some repeating events are too long to count in full here: their later occurrences are left out.
        </p>
      ) : null}
      {bars.length > 0 ? (
        <>
          <svg
            viewBox={`0 0 ${labelWidth + barWidth + 150} ${height}`}
            width="100%"
            role="img"
            aria-labelledby={titleId}
            className="bar-chart"
          >
            <title>{chartTitles[groupBy]}</title>
            {bars.map((b, i) => (
              <g key={b.key} transform={`translate(0 ${i * row + 4})`}>
                <text x={labelWidth - 8} y={row / 2 + 1} textAnchor="end" dominantBaseline="middle">
                  {b.label.length > 26 ? `${b.label.slice(0, 25)}…` : b.label}
                </text>
                <rect x={labelWidth} y={4} width={barWidth} height={row - 10} className="bar-track" />
                <rect
                  x={labelWidth}
                  y={4}
                  width={(barWidth * b.percent) / 100}
                  height={row - 10}
                  className="bar"
                />
                <text x={labelWidth + barWidth + 8} y={row / 2 + 1} dominantBaseline="middle">
                  {b.text}
                </text>
              </g>
            ))}
          </svg>
          <table className="visually-hidden">
            <caption>{chartTitles[groupBy]}</caption>
            <thead>
              <tr>
                <th scope="col">Group</th>
                <th scope="col">Rate</th>
              </tr>
            </thead>
            <tbody>
              {bars.map((b) => (
                <tr key={b.key}>
                  <th scope="row">{b.label}</th>
                  <td>{b.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </figure>
  );
}
