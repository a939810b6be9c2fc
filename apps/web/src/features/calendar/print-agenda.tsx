import type { Occurrence } from '@kalendaryo/contract';
import { addDays, formatWall, occurrenceWall } from '../../app/time';
import { occurrenceId } from './calendar-events';
import { kindLabels } from './labels';

interface Props {
  title: string;
  range: { start: string; end: string };
  occurrences: readonly Occurrence[];
  zone: string;
}

/** Each day of the range with what happens on it (an all-day item on every day it covers). */
export function agendaDays(
  range: { start: string; end: string },
  occurrences: readonly Occurrence[],
  zone: string,
) {
  const days: { date: string; items: { o: Occurrence; time: string }[] }[] = [];
  const timeFmt = (wall: string) => formatWall(wall, { hour: 'numeric', minute: '2-digit' });
  for (let d = range.start; d < range.end; d = addDays(d, 1)) {
    const items: { o: Occurrence; time: string; sort: string }[] = [];
    for (const o of occurrences) {
      const { start, end } = occurrenceWall(o, zone);
      const startDay = start.slice(0, 10);
      const lastDay = o.allDay ? addDays(end, -1) : end.slice(0, 10);
      if (d < startDay || d > lastDay) continue;
      if (!o.allDay && d > startDay && end.slice(11) === '00:00:00' && d === lastDay) continue;
      const time = o.allDay
        ? 'All day'
        : d === startDay
          ? `${timeFmt(start)} – ${timeFmt(end)}`
          : 'Continues';
      items.push({ o, time, sort: o.allDay ? '' : d === startDay ? start : '' });
    }
    items.sort((a, b) => a.sort.localeCompare(b.sort));
    if (items.length) days.push({ date: d, items });
  }
  return days;
}

/** The visible range as a list, for printing (shown only by the print stylesheet). */
export function PrintAgenda({ title, range, occurrences, zone }: Props) {
  const days = agendaDays(range, occurrences, zone);
  return (
    <section className="print-agenda" aria-label="Printable agenda">
      <h2>Kalendaryo · {title}</h2>
      {days.length === 0 ? <p>Nothing scheduled in this period.</p> : null}
      {days.map((day) => (
        <section key={day.date} className="print-day">
          <h3>{formatWall(day.date, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })}</h3>
          <table>
            <tbody>
              {day.items.map(({ o, time }) => (
                <tr key={occurrenceId(o)}>
                  <td className="print-time">{time}</td>
                  <td>
                    <strong>{o.title}</strong>
                    {o.location ? ` · ${o.location}` : ''}
                    {o.status === 'cancelled' ? ' (cancelled)' : ''}
                  </td>
                  <td className="print-kind">{kindLabels[o.kind]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </section>
  );
}
