import fc from 'fast-check';

/**
 * Values for the API fuzz suite, drawn from the OpenAPI document's JSON Schemas: first values of
 * the right shape (so requests get past validation into the services), then mutated ones (wrong
 * types, missing fields, hostile strings, deep nesting, numbers out of range).
 */

/** The subset of JSON Schema the contract's OpenAPI document uses. */
export interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
}

/** Real values of the fuzzed server, so generated requests name things that exist. */
export interface Pools {
  /** Ids by kind: users, calendars, items, resources, bookings, communities, participants. */
  ids: Record<string, string[]>;
  /** Real strings by field name: cursors, check-in tokens, occurrences. */
  strings: Record<string, string[]>;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Instants around now, as the API writes them, with a few odd but valid offsets. */
const instant = fc
  .tuple(
    fc.integer({ min: -60, max: 400 }),
    fc.integer({ min: 0, max: 23 }),
    fc.constantFrom('Z', '+08:00', '-05:30', '+14:00'),
  )
  .map(([days, hours, zone]) => {
    const d = new Date(Math.floor(Date.now() / DAY) * DAY + days * DAY + hours * HOUR);
    const iso = d.toISOString().slice(0, 19);
    return zone === 'Z' ? `${iso}Z` : `${iso}${zone}`;
  });
const localDateTime = instant.map((s) => s.slice(0, 19));
const date = instant.map((s) => s.slice(0, 10));
const zone = fc.constantFrom('UTC', 'Asia/Manila', 'America/New_York', 'Pacific/Kiritimati', 'Europe/London');
const rrule = fc.constantFrom(
  'FREQ=DAILY;COUNT=5',
  'FREQ=WEEKLY;BYDAY=MO,WE,FR',
  'FREQ=MONTHLY;BYMONTHDAY=31',
  'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29',
  'FREQ=WEEKLY;INTERVAL=2;UNTIL=20300101T000000Z',
  'FREQ=HOURLY;COUNT=50',
);

/** Values by field name for fields whose schema says only "string". */
function byName(name: string, pools: Pools): fc.Arbitrary<unknown> | undefined {
  const real = pools.strings[name];
  const own = (() => {
    if (/^(start|end|from|to|scannedAt|dtstart|window)$/.test(name))
      return fc.oneof(instant, localDateTime, date);
    if (name === 'occurrence') return fc.oneof(localDateTime, date, instant);
    if (name === 'exdates' || name === 'rdates') return fc.oneof(localDateTime, date);
    if (/^(timeZone|tz|tzid)$/.test(name)) return zone;
    if (name === 'rrule') return rrule;
    if (name === 'kinds')
      return fc.constantFrom('event', 'task,leave', 'engagement,assessment,community_event');
    if (name === 'status') return fc.constantFrom('confirmed', 'tentative,cancelled', 'pending');
    return undefined;
  })();
  if (real?.length && own) return fc.oneof(fc.constantFrom(...real), own);
  if (real?.length) return fc.constantFrom(...real);
  return own;
}

/** The pool of ids a uuid field named `name` most likely refers to (others are tried too). */
export function idKind(name: string): string | undefined {
  if (/^(userId|assigneeId|approverIds|users|requester)$/.test(name)) return 'users';
  if (/^(calendarId|calendars)$/.test(name)) return 'calendars';
  if (/^(communityId|community)$/.test(name)) return 'communities';
  if (/^(resourceId|resourceIds)$/.test(name)) return 'resources';
  if (name === 'itemId') return 'items';
  if (name === 'participantId') return 'participants';
  if (name === 'ids') return 'bookings';
  return undefined;
}

function uuidFor(name: string, pools: Pools): fc.Arbitrary<string> {
  const kind = idKind(name);
  const own = kind ? (pools.ids[kind] ?? []) : [];
  const all = Object.values(pools.ids).flat();
  const choices: fc.Arbitrary<string>[] = [fc.uuid()];
  if (own.length) choices.push(fc.constantFrom(...own), fc.constantFrom(...own));
  if (all.length) choices.push(fc.constantFrom(...all));
  return fc.oneof(...choices);
}

const cap = (n: number | undefined, fallback: number, limit: number) => Math.min(n ?? fallback, limit);

/** An arbitrary of values valid for `schema`; `name` is the field's name (for hints and pools). */
export function valid(schema: Schema, pools: Pools, name = ''): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => valid(s, pools, name)));
  if (schema.allOf?.length) return valid(Object.assign({}, ...schema.allOf) as Schema, pools, name);
  const type = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (type.length > 1) return fc.oneof(...type.map((t) => valid({ ...schema, type: t }, pools, name)));
  switch (type[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
    case 'number': {
      const min =
        schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1000);
      const max =
        schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 10_000);
      const lo = Math.ceil(Math.max(min, -1e9));
      const hi = Math.floor(Math.min(max, 1e9));
      const whole = fc.integer({ min: lo, max: Math.max(lo, hi) });
      return type[0] === 'integer'
        ? whole
        : fc.oneof(whole, fc.double({ min: lo, max: Math.max(lo, hi), noNaN: true }));
    }
    case 'string':
      return validString(schema, pools, name);
    case 'array': {
      const item = schema.items ? valid(schema.items, pools, name) : fc.anything();
      return fc.array(item, { minLength: schema.minItems ?? 0, maxLength: cap(schema.maxItems, 5, 5) });
    }
    case 'object':
      return validObject(schema, pools, name);
    default:
      return fc.oneof(fc.string(), fc.integer(), fc.constant(null));
  }
}

function validString(schema: Schema, pools: Pools, name: string): fc.Arbitrary<string> {
  if (schema.format === 'uuid') return uuidFor(name, pools);
  const hinted = byName(name, pools) as fc.Arbitrary<string> | undefined;
  if (schema.format === 'email') return fc.oneof(fc.emailAddress(), fc.constantFrom('user@oobc.example'));
  if (schema.pattern) {
    const matching = fc
      .stringMatching(new RegExp(schema.pattern))
      .filter((s) => s.length <= (schema.maxLength ?? Number.POSITIVE_INFINITY));
    if (/\\d\{4\}-\\d\{2\}-\\d\{2\}T/.test(schema.pattern) || schema.format === 'date-time')
      return fc.oneof(
        instant.filter((s) => new RegExp(schema.pattern!).test(s)),
        matching,
      );
    if (schema.pattern === '^\\d{4}-\\d{2}-\\d{2}$') return fc.oneof(date, matching);
    return matching;
  }
  if (hinted) return hinted;
  const minLength = schema.minLength ?? 0;
  return fc.string({ minLength, maxLength: Math.max(minLength, cap(schema.maxLength, 30, 30)) });
}

/** Items' `details` is an open record in the contract; the service checks it against the kind. */
const details = (pools: Pools) =>
  fc.oneof(
    fc.constantFrom(
      { leaveType: 'sick' },
      { eventCategory: 'cultural', serviceImpact: 'high' },
      { eventType: 'workshop', agenda: 'Opening' },
      { stakeholders: ['LGU', 'MSSD'], engagementType: 'dialogue' },
      { assessmentType: 'rapid', team: ['A'] },
      { priority: 'urgent', taskStatus: 'in_progress', dueAt: '2030-01-01T00:00:00Z' },
    ),
    uuidFor('assigneeId', pools).map((assigneeId) => ({ assigneeId, priority: 'high' })),
  );

function validObject(schema: Schema, pools: Pools, name: string): fc.Arbitrary<unknown> {
  if (name === 'details')
    return fc.oneof(
      details(pools),
      fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
    );
  const props = schema.properties ?? {};
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, s] of Object.entries(props)) model[key] = valid(s, pools, key);
  const base = fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in props) });
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object' && !schema.properties)
    return fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 });
  return base;
}

/** Strings a server should refuse or store faithfully, never choke on. */
export const hostileString = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\u0007\u001b[31m',
    '\t\r\n',
    '\ud800',
    '\udfff\ud800',
    '\u202e\u200f\ufeff',
    'Z͑ͫ̓ͪ̂ͫ̽͏̴̙̤̞͉͚̯̞̠͍A̴̵̜̰͔ͫ͗͢L̠ͨͧͩ͘G̴̻͈͍͔̹̑͗̎̅͛́Ǫ̵̹̻̝̳͂̌̌͘',
    '👩‍👩‍👧‍👦🇵🇭'.repeat(50),
    "'; drop table users; --",
    '%00%ff%',
    '../../../../etc/passwd',
    `\${7*7}{{7*7}}`,
    '2024-02-30T25:61:61+99:99',
    '2024-01-01T00:00:00+99:99',
    '0000-01-01T00:00:00Z',
    '-271821-04-19T00:00:00Z',
    '275760-09-13T00:00:01Z',
    '9999-12-31T23:59:59.999999999-14:00',
    'infinity',
    '-infinity',
    'NaN',
    'epoch',
    'now',
    'FREQ=SECONDLY',
    'FREQ=MINUTELY;BYSECOND=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20',
    'FREQ=YEARLY;BYDAY=-53MO;BYWEEKNO=-53;BYYEARDAY=-366;BYSETPOS=-366',
    'FREQ=DAILY;COUNT=99999999999999999999',
    'FREQ=DAILY;INTERVAL=0',
    'Mars/Olympus_Mons',
    'Etc/GMT+99',
    '00000000-0000-0000-0000-000000000000',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
    'not-a-uuid',
    '1',
  ),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer({ min: 100_001, max: 130_000 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 201, max: 6000 }).map((n) => 'é'.repeat(n)),
);

/** Forged cursors: base64url of JSON arrays with values of the wrong kind or out of range. */
export const forgedCursor = fc.oneof(
  fc.constantFrom('', '!!!', 'eyJ', 'W10', 'bnVsbA', '=', 'A'.repeat(2001)),
  fc
    .array(
      fc.oneof(
        fc.constantFrom(
          '0000-01-01T00:00:00Z',
          '2024-02-30T00:00:00Z',
          '9999-12-31T23:59:59Z',
          '275760-09-13T00:00:00Z',
          'a\u0000',
          '00000000-0000-0000-0000-000000000000',
          'x'.repeat(500),
        ),
        fc.constantFrom(2 ** 63, -(2 ** 63), 1e308, -1, 0.5, 2 ** 53 + 2),
        fc.jsonValue({ maxDepth: 2 }),
      ),
      { maxLength: 4 },
    )
    .map((a) => Buffer.from(JSON.stringify(a)).toString('base64url')),
  fc.jsonValue({ maxDepth: 2 }).map((v) => Buffer.from(JSON.stringify(v)).toString('base64url')),
);

/** Nested arrays or objects `depth` levels deep, built without recursion. */
export function deep(depth: number, kind: 'array' | 'object'): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = kind === 'array' ? [v] : { a: v };
  return v;
}

/** Values of the wrong type or out of range for any field. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -1,
    1.5,
    2 ** 31,
    -(2 ** 31) - 1,
    2 ** 53 + 1,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER,
    [],
    {},
    [null],
    { __proto__: { polluted: true } },
    JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}}'),
  ),
  fc.constantFrom(10, 100, 500).chain((d) => fc.constantFrom(deep(d, 'array'), deep(d, 'object'))),
  fc.array(fc.constant('x'), { minLength: 1001, maxLength: 1200 }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** A random path into a JSON value (object keys and array indices), or [] for the root. */
export function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []) {
  out.push(prefix);
  if (out.length > 200) return out;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) paths(v, [...prefix, i], out);
  } else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}

/** `value` with the thing at `path` replaced by `replacement` (or removed when it is undefined). */
export function setAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...value];
    if (replacement === undefined && rest.length === 0) copy.splice(head as number, 1);
    else copy[head as number] = setAt(copy[head as number], rest, replacement);
    return copy;
  }
  const copy = { ...(value as Record<string, unknown>) };
  if (replacement === undefined && rest.length === 0) delete copy[head as string];
  else copy[head as string] = setAt(copy[head as string], rest, replacement);
  return copy;
}
