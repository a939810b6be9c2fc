import { useQueries, useQuery } from '@tanstack/react-query';
import { errorMessage } from '../../app/api';
import { FormMessage } from '../../app/ui/alert';
import { useDocumentTitle } from '../../app/use-document-title';
import { participantsQuery, personalCode } from './attendance-api';
import { ItemAttendanceHeader, useItemTarget } from './item-attendance';

/** Participants' personal codes, laid out to print and cut into badges. */
export function BadgesPage() {
  useDocumentTitle('Badges');
  const { id, occurrence, item } = useItemTarget();
  const list = useQuery(participantsQuery(id, occurrence));
  const people = list.data?.items ?? [];
  const codes = useQueries({
    queries: people.map((p) => ({
      queryKey: ['personal-code', id, p.id, occurrence ?? ''],
      queryFn: () => personalCode(id, p.id, occurrence),
    })),
  });
  return (
    <section className="attendance-page">
      <div className="no-print">
        <ItemAttendanceHeader title="Badges" />
        <button type="button" className="button button--primary" onClick={() => window.print()}>
          Print
        </button>
      </div>
      {list.isError ? <FormMessage tone="error">{errorMessage(list.error)}</FormMessage> : null}
      <ul className="attendee-badges" aria-label="Badges">
        {people.map((p, i) => {
          const code = codes[i]?.data;
          return (
            <li key={p.id} className="attendee-badge">
              <p className="attendee-badge-event">{item.data?.title}</p>
              <p className="attendee-badge-name">{p.name}</p>
              {p.organisation ? <p className="attendee-badge-org">{p.organisation}</p> : null}
              {code ? (
                <div
                  className="attendee-badge-qr"
                  role="img"
                  aria-label={`Personal code of ${p.name}`}
                  // biome-ignore lint/security/noDangerouslySetInnerHtml: server-made QR SVG
                  dangerouslySetInnerHTML={{ __html: code.qrSvg }}
                />
              ) : codes[i]?.isError ? (
                <p className="cell-note">{errorMessage(codes[i]?.error)}</p>
              ) : (
                <p className="cell-note">Loading…</p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
