import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '../../app/api';
import { formatDateTime } from '../../app/time';
import { FormMessage } from '../../app/ui/alert';
import { useDocumentTitle } from '../../app/use-document-title';
import { reportDownloadUrl, reportQuery } from './attendance-api';
import { ItemAttendanceHeader, useItemTarget } from './item-attendance';
import { methodLabels, rsvpLabels, statusLabels } from './labels';

/** Attendance of one occurrence: per participant RSVP, status, method and times, with totals and downloads. */
export function ReportPage() {
  useDocumentTitle('Attendance report');
  const { id, occurrence } = useItemTarget();
  const report = useQuery(reportQuery(id, occurrence));
  const t = report.data?.totals;
  return (
    <section className="attendance-page">
      <ItemAttendanceHeader title="Attendance report" />
      <div className="button-group">
        <a className="button" href={reportDownloadUrl(id, occurrence, 'csv')} download>
          Download CSV
        </a>
        <a className="button" href={reportDownloadUrl(id, occurrence, 'xlsx')} download>
          Download Excel
        </a>
      </div>
      {report.isError ? <FormMessage tone="error">{errorMessage(report.error)}</FormMessage> : null}
      {report.isPending ? <p role="status">Loading the report…</p> : null}
      {t ? (
        <dl className="totals" aria-label="Totals">
          {(
            [
              ['Participants', t.participants],
              ['Checked in', t.checkedIn],
              ['Checked out', t.checkedOut],
              ['Walk-ins', t.walkIns],
              ['Going', t.going],
              ['Maybe', t.maybe],
              ['Declined', t.declined],
              ['No answer', t.noResponse],
            ] as const
          ).map(([label, n]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{n}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {report.data ? (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">Attendance by participant</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Organisation</th>
                <th scope="col">Answer</th>
                <th scope="col">Status</th>
                <th scope="col">Method</th>
                <th scope="col">Checked in</th>
                <th scope="col">Checked out</th>
              </tr>
            </thead>
            <tbody>
              {report.data.rows.map((r) => (
                <tr key={r.participantId}>
                  <th scope="row">
                    {r.name}
                    <span className="cell-note">
                      {[r.guest ? 'Guest' : null, r.walkIn ? 'Walk-in' : null, r.email]
                        .filter(Boolean)
                        .join(' · ')}
                    </span>
                  </th>
                  <td>{r.organisation ?? '—'}</td>
                  <td>{r.rsvp ? rsvpLabels[r.rsvp] : 'No answer'}</td>
                  <td>{statusLabels[r.status]}</td>
                  <td data-method={r.method ?? ''}>{r.method ? methodLabels[r.method] : '—'}</td>
                  <td>{formatDateTime(r.checkedInAt)}</td>
                  <td>{formatDateTime(r.checkedOutAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
