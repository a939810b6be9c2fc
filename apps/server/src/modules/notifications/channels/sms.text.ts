/**
 * SMS text within two segments (3GPP TS 23.038 / 23.040): GSM-7 when every character has a
 * septet (160 in one segment, 153 per part of a longer one; the extension table's characters
 * take two), else UCS-2 (70, or 67 per part, counted in UTF-16 units).
 */
const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXTENSION = '^{}\\[~]|€\f';
const BASIC = new Set(GSM7_BASIC);
const EXTENSION = new Set(GSM7_EXTENSION);

/** Characters people type that have a GSM-7 look-alike: sending them as UCS-2 would halve the room. */
const LOOK_ALIKES: Record<string, string> = {
  '‘': "'",
  '’': "'",
  '‚': "'",
  '“': '"',
  '”': '"',
  '„': '"',
  '–': '-',
  '—': '-',
  '−': '-',
  '…': '...',
  '\u00a0': ' ',
  '\u2009': ' ',
  '\u202f': ' ',
  '•': '-',
  '\t': ' ',
};

export type SmsEncoding = 'GSM-7' | 'UCS-2';

const LIMITS = {
  'GSM-7': { single: 160, perPart: 153 },
  'UCS-2': { single: 70, perPart: 67 },
} as const;
export const MAX_SEGMENTS = 2;

export function isGsm7(text: string): boolean {
  for (const ch of text) if (!BASIC.has(ch) && !EXTENSION.has(ch)) return false;
  return true;
}

/** Length in the encoding's units: septets for GSM-7 (extension characters count 2), UTF-16 units for UCS-2. */
export function smsLength(text: string, encoding: SmsEncoding): number {
  if (encoding === 'UCS-2') return text.length;
  let n = 0;
  for (const ch of text) n += EXTENSION.has(ch) ? 2 : 1;
  return n;
}

/** How many segments a text takes. */
export function segmentsOf(text: string): { encoding: SmsEncoding; segments: number } {
  const encoding: SmsEncoding = isGsm7(text) ? 'GSM-7' : 'UCS-2';
  const length = smsLength(text, encoding);
  const { single, perPart } = LIMITS[encoding];
  return { encoding, segments: length <= single ? 1 : Math.ceil(length / perPart) };
}

function plain(text: string): string {
  return Array.from(text, (ch) => LOOK_ALIKES[ch] ?? ch)
    .join('')
    .replace(/[ \t]*\n[ \t\n]*/g, '\n')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/**
 * `title`, `body` and `link` as one SMS of at most two segments: look-alike punctuation becomes
 * GSM-7, and when the words do not fit they are cut at a word with an ellipsis; the link is
 * always kept whole at the end.
 */
export function smsText(title: string, body: string, link: string): { text: string; encoding: SmsEncoding } {
  const words = plain(body ? `${title}\n${body}` : title);
  const tail = `\n${link}`;
  const encoding: SmsEncoding = isGsm7(words + tail) ? 'GSM-7' : 'UCS-2';
  const budget = LIMITS[encoding].perPart * MAX_SEGMENTS;
  const whole = words + tail;
  if (smsLength(whole, encoding) <= budget) return { text: whole, encoding };
  const ellipsis = encoding === 'GSM-7' ? '...' : '…';
  const room = budget - smsLength(tail + ellipsis, encoding);
  let cut = '';
  let used = 0;
  for (const ch of words) {
    const size = smsLength(ch, encoding);
    if (used + size > room) break;
    cut += ch;
    used += size;
  }
  // Prefer ending at a word boundary when one is reasonably close.
  const space = cut.search(/\s\S*$/);
  if (space > room * 0.7) cut = cut.slice(0, space);
  return { text: `${cut.trimEnd()}${ellipsis}${tail}`, encoding };
}
