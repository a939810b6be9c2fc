import { AppError } from '@kalendaryo/domain';

/** One unfolded content line (RFC 5545 §3.1) and the physical line where it began. */
export interface ContentLine {
  line: number;
  name: string;
  /** The raw value after the first unquoted ':' (still escaped). */
  value: string;
}

/** The content lines of one VEVENT or VTODO, in file order (nested VALARMs left out). */
export interface ComponentLines {
  kind: 'VEVENT' | 'VTODO';
  line: number;
  props: ContentLine[];
}

/** A 422 `ical.invalid` naming the line and property, as the problem's `errors[]`. */
export function invalidAt(line: number, property: string, message: string): AppError {
  return new AppError('ical.invalid', `Line ${line} (${property}): ${message}`, [
    { field: `line ${line}`, message: `${property}: ${message}`, code: property },
  ]);
}

/**
 * Any line ending (CRLF, LF alone, CR alone) becomes CRLF and a byte-order mark goes, so ical.js
 * reads exports of every producer; folded lines stay folded.
 */
export const normaliseEndings = (text: string): string =>
  text.replace(/^\uFEFF/, '').replace(/\r\n|\r|\n/g, '\r\n');

const NAME = /^[A-Za-z0-9-]+$/;

/** The index of the ':' that ends the name and parameters (colons inside quoted values do not). */
function valueColon(s: string): number {
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '"') quoted = !quoted;
    else if (c === ':' && !quoted) return i;
  }
  return -1;
}

/**
 * Unfolds the file line by line, checks its shape (every line `NAME[;params]:value`, BEGIN and
 * END balanced, one VCALENDAR) and returns each event's and task's lines with their numbers, so
 * that later errors can name the line. Throws `ical.invalid` at the first broken line.
 */
export function scanLines(text: string): ComponentLines[] {
  const physical = text.split('\r\n');
  const stack: string[] = [];
  const out: ComponentLines[] = [];
  let current: ComponentLines | undefined;
  let calendars = 0;
  const flush = (start: number, raw: string) => {
    if (raw === '') return;
    const colon = valueColon(raw);
    const head = colon < 0 ? raw : raw.slice(0, colon);
    const name = (head.split(';')[0] ?? '').toUpperCase();
    if (colon < 0 || !NAME.test(name))
      throw invalidAt(start, name || 'line', `“${raw.slice(0, 60)}” is not a property (NAME:value)`);
    const value = raw.slice(colon + 1);
    if (name === 'BEGIN') {
      const comp = value.toUpperCase();
      if (stack.length === 0 && comp !== 'VCALENDAR')
        throw invalidAt(start, 'BEGIN', 'the file must start with BEGIN:VCALENDAR');
      if (comp === 'VCALENDAR') calendars++;
      stack.push(comp);
      if ((comp === 'VEVENT' || comp === 'VTODO') && stack.length === 2) {
        current = { kind: comp, line: start, props: [] };
        out.push(current);
      }
      return;
    }
    if (name === 'END') {
      const open = stack.pop();
      if (open !== value.toUpperCase())
        throw invalidAt(start, 'END', `END:${value} closes ${open ? `BEGIN:${open}` : 'nothing'}`);
      if (stack.length === 1) current = undefined;
      return;
    }
    if (stack.length === 0) throw invalidAt(start, name, 'property outside BEGIN:VCALENDAR');
    if (current && stack.length === 2) current.props.push({ line: start, name, value });
  };
  let buffer = '';
  let bufferLine = 1;
  physical.forEach((raw, i) => {
    if ((raw.startsWith(' ') || raw.startsWith('\t')) && buffer !== '') {
      buffer += raw.slice(1);
      return;
    }
    flush(bufferLine, buffer);
    buffer = raw;
    bufferLine = i + 1;
  });
  flush(bufferLine, buffer);
  if (calendars === 0) throw invalidAt(1, 'BEGIN', 'no BEGIN:VCALENDAR in the file');
  if (stack.length > 0) throw invalidAt(physical.length, 'END', `BEGIN:${stack.at(-1)} is never closed`);
  return out;
}
