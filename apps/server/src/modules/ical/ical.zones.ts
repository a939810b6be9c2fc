import { getTimeZone, isTimeZone, OFFICE_TIME_ZONE } from '@kalendaryo/domain';
import ICAL from 'ical.js';
import { WINDOWS_ZONES } from './ical.zones.windows';

/**
 * How a TZID of an imported file is read: an IANA zone, or (a custom VTIMEZONE that matches no
 * IANA zone) that VTIMEZONE's own rules, whose computed instants are then kept in UTC.
 */
export type ResolvedZone = { iana: string } | { custom: ICAL.Timezone };

const windowsLower = new Map(Object.entries(WINDOWS_ZONES).map(([k, v]) => [k.toLowerCase(), v]));

/** Candidates tried first when matching offsets: the zones Windows names map to. */
const preferred = [...new Set(Object.values(WINDOWS_ZONES))].filter((z) => !z.startsWith('Etc/'));

/**
 * The IANA name inside a TZID: the name itself, a Windows name (CLDR), or the IANA tail of the
 * prefixed names older Thunderbird and Evolution write (`/mozilla.org/20070129_1/Europe/Berlin`).
 */
export function ianaFromName(tzid: string): string | undefined {
  const name = tzid.trim().replace(/^"|"$/g, '');
  if (/^[A-Za-z]/.test(name) && isTimeZone(name) && !/^[+-]/.test(name)) return name;
  const windows = windowsLower.get(name.toLowerCase());
  if (windows) return windows;
  const tail = name.match(/([A-Za-z_]+(?:\/[A-Za-z_+-]+){1,2})$/)?.[1];
  if (tail && isTimeZone(tail)) return tail;
  return undefined;
}

// Instants at which a custom VTIMEZONE's offsets are compared with IANA zones: the 1st and 15th
// of each month of three years, which sees both sides of every DST rule and most transitions.
const SAMPLES = (() => {
  const out: number[] = [];
  for (const year of [2024, 2025, 2026])
    for (let m = 0; m < 12; m++) for (const d of [1, 15]) out.push(Date.UTC(year, m, d, 12));
  return out;
})();

function customOffsets(tz: ICAL.Timezone): number[] {
  return SAMPLES.map((ms) => {
    const t = ICAL.Time.fromJSDate(new Date(ms), true);
    return tz.utcOffset(t) * 1000;
  });
}

function ianaOffsets(zone: string): number[] {
  const z = getTimeZone(zone);
  return SAMPLES.map((ms) => z.offsetAt(ms));
}

let allZones: readonly string[] | undefined;

/**
 * The first IANA zone whose offsets equal the VTIMEZONE's at every sample instant, trying first
 * the file's own X-WR-TIMEZONE and the office's zone (a "(UTC+08:00) …" Outlook zone here is
 * Manila, not Shanghai), then the zones Windows names map to, then all the others.
 */
function matchByOffsets(tz: ICAL.Timezone, hint: string | undefined): string | undefined {
  const wanted = customOffsets(tz).join(',');
  allZones ??= Intl.supportedValuesOf('timeZone');
  const first = [hint, OFFICE_TIME_ZONE].filter((z): z is string => typeof z === 'string');
  for (const zone of [...first, ...preferred, ...allZones]) {
    if (!isTimeZone(zone)) continue;
    if (ianaOffsets(zone).join(',') === wanted) return zone;
  }
  return undefined;
}

/**
 * Reads the VTIMEZONEs of a file and resolves TZIDs: the name when it says which zone it is
 * (IANA, Windows, prefixed IANA), else the VTIMEZONE's offsets matched to an IANA zone, else the
 * VTIMEZONE itself. Results are cached per TZID for the file.
 */
export function zoneResolver(vcalendar: ICAL.Component) {
  const vtimezones = new Map<string, ICAL.Component>();
  for (const c of vcalendar.getAllSubcomponents('vtimezone')) {
    const id = c.getFirstPropertyValue('tzid');
    if (typeof id === 'string') vtimezones.set(id, c);
  }
  const declared = vcalendar.getFirstPropertyValue('x-wr-timezone');
  const hint = typeof declared === 'string' ? ianaFromName(declared) : undefined;
  const cache = new Map<string, ResolvedZone | undefined>();
  return (tzid: string): ResolvedZone | undefined => {
    if (cache.has(tzid)) return cache.get(tzid);
    let resolved: ResolvedZone | undefined;
    const named = ianaFromName(tzid);
    const component = vtimezones.get(tzid);
    if (named) resolved = { iana: named };
    else if (component) {
      const tz = new ICAL.Timezone(component);
      const matched = matchByOffsets(tz, hint);
      resolved = matched ? { iana: matched } : { custom: tz };
    }
    cache.set(tzid, resolved);
    return resolved;
  };
}
