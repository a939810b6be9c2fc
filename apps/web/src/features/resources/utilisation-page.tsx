import { isOneOf, resourceTypes } from '@kalendaryo/contract/values';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../../app/api';
import { addDays, todayIn } from '../../app/time';
import { FormMessage } from '../../app/ui/alert';
import { AreaTabs } from '../../app/ui/area-tabs';
import { SelectField } from '../../app/ui/field';
import { useDocumentTitle } from '../../app/use-document-title';
import { useSession } from '../auth/session';
import { resourceTypePlurals } from './labels';
import { utilisationQuery } from './resources-api';
import { resourceTabs } from './resources-page';
import {
  datesFrom,
  dayHeader,
  fullDate,
  HEATMAP_DAYS,
  type HeatmapState,
  heatmapFromParams,
  heatRows,
  paramsFromHeatmap,
  percentText,
} from './utilisation';

const levels = [
  { level: 0, label: 'Nothing booked' },
  { level: 1, label: 'Up to 25%' },
  { level: 2, label: '26–50%' },
  { level: 3, label: '51–75%' },
  { level: 4, label: 'Over 75%' },
] as const;

/** How much of each day each resource is booked: a heatmap whose cells also say their value. */
export function UtilisationPage() {
  useDocumentTitle('Resource utilisation');
  const { user } = useSession();
  const zone = user.timeZone;
  const today = todayIn(zone);
  const [params, setParams] = useSearchParams();
  const state = heatmapFromParams(params, today);
  const update = (patch: Partial<HeatmapState>) =>
    setParams(paramsFromHeatmap({ ...state, ...patch }, today));
  const dates = datesFrom(state.from, HEATMAP_DAYS);
  const to = addDays(state.from, HEATMAP_DAYS);
  const query = useQuery(utilisationQuery(state.type, state.from, to, zone));
  const rows = heatRows(query.data ?? [], dates);
  const captionId = useId();
  const range = `${fullDate(state.from)} to ${fullDate(addDays(to, -1))}`;

  return (
    <>
      <div className="page-header">
        <h1>Resources</h1>
      </div>
      <AreaTabs label="Resource views" tabs={resourceTabs} />
      <div className="calendar-toolbar">
        <div className="calendar-nav">
          <button
            type="button"
            className="button"
            aria-label="Previous two weeks"
            onClick={() => update({ from: addDays(state.from, -HEATMAP_DAYS) })}
          >
            ‹
          </button>
          <button
            type="button"
            className="button"
            onClick={() => update({ from: heatmapFromParams(new URLSearchParams(), today).from })}
          >
            This week
          </button>
          <button
            type="button"
            className="button"
            aria-label="Next two weeks"
            onClick={() => update({ from: addDays(state.from, HEATMAP_DAYS) })}
          >
            ›
          </button>
          <h2 className="calendar-title">Utilisation</h2>
        </div>
        <SelectField
          name="utilisation-type"
          label="Resource type"
          value={state.type}
          onChange={(e) => update({ type: isOneOf(resourceTypes, e.target.value) ? e.target.value : '' })}
          options={[
            { value: '', label: 'All resources' },
            ...resourceTypes.map((t) => ({ value: t, label: resourceTypePlurals[t] })),
          ]}
        />
      </div>
      <ul className="heat-legend" aria-label="Colour key">
        {levels.map((l) => (
          <li key={l.level}>
            <span className={`heat-swatch heat-${l.level}`} aria-hidden="true" />
            {l.label}
          </li>
        ))}
        <li>Approved and completed bookings count; “+n%” is held by requests waiting for approval.</li>
      </ul>
      {query.isPending ? (
        <p role="status">Loading utilisation…</p>
      ) : query.isError && !query.data ? (
        <FormMessage tone="error">{errorMessage(query.error)}</FormMessage>
      ) : rows.length === 0 ? (
        <p role="status">No resources to show.</p>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
        <section className="table-scroll heatmap-scroll" aria-labelledby={captionId} tabIndex={0}>
          <table className="heatmap">
            <caption id={captionId}>Share of each day booked, {range}</caption>
            <thead>
              <tr>
                <th scope="col">Resource</th>
                {dates.map((d) => (
                  <th
                    key={d}
                    scope="col"
                    abbr={fullDate(d)}
                    className={d === today ? 'heat-today' : undefined}
                  >
                    {dayHeader(d)}
                  </th>
                ))}
                <th scope="col">Average</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.resourceId}>
                  <th scope="row">{row.name}</th>
                  {row.cells.map((c) => (
                    <td
                      key={c.date}
                      className={`heat-cell heat-${c.level}`}
                      title={`${row.name}, ${fullDate(c.date)}: ${c.text} booked${c.pendingText ? `, ${c.pendingText.slice(1)} more requested` : ''}`}
                    >
                      {c.text}
                      {c.pendingText ? (
                        <span className="heat-pending">
                          {c.pendingText}
                          <span className="visually-hidden"> requested</span>
                        </span>
                      ) : null}
                    </td>
                  ))}
                  <td className="heat-average">{percentText(row.average)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
