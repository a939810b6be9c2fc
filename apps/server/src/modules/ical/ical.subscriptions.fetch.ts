import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP } from 'node:net';
import { ICAL_MAX_BYTES } from '@kalendaryo/contract';
import { AppError } from '@kalendaryo/domain';

/** What a download of a subscribed address gave. */
export type Download =
  | { status: 'not_modified' }
  | { status: 'ok'; body: string; etag: string | null; lastModified: string | null };

export interface FetchOptions {
  allowPrivate: boolean;
  etag: string | null;
  lastModified: string | null;
  timeoutMs?: number;
  maxBytes?: number;
}

// Addresses a subscription may not reach unless the administrator allows it: this machine,
// private networks, link-local (cloud metadata), carrier-grade NAT, multicast, unspecified.
const blocked = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const)
  blocked.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  blocked.addSubnet(net, bits, 'ipv6');

/** True when an address is on this machine or a private network (IPv4-mapped IPv6 included). */
export function isPrivateAddress(address: string): boolean {
  const mapped = address.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i)?.[1];
  if (mapped) return blocked.check(mapped, 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return blocked.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

const refused = (detail: string) =>
  new AppError('subscription.url_refused', detail, [{ field: 'url', message: detail }]);

/** The http(s) URL of a subscription address (`webcal://` is https); other schemes are refused. */
export function subscriptionUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw refused('The address is not a URL.');
  }
  if (url.protocol === 'webcal:' || url.protocol === 'webcals:')
    url = new URL(`https:${url.href.slice(url.protocol.length)}`);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw refused('Only http, https and webcal addresses can be subscribed to.');
  if (url.username || url.password) throw refused('Addresses with a user name or password are not accepted.');
  return url;
}

/**
 * A DNS lookup that refuses private addresses, handed to the request itself so the address
 * checked is the address connected to (a name that changes its answer cannot slip through).
 */
function guardedLookup(allowPrivate: boolean) {
  return (
    hostname: string,
    options: object,
    callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
  ) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '');
      const list = addresses as LookupAddress[];
      const bad = list.find((a) => isPrivateAddress(a.address));
      if (bad && !allowPrivate)
        return callback(
          Object.assign(new Error(`${hostname} is a private address`), { code: 'EPRIVATE' }),
          '',
        );
      if ((options as { all?: boolean }).all) return callback(null, list);
      const first = list[0];
      return first ? callback(null, first.address, first.family) : callback(new Error('no address'), '');
    });
  };
}

function requestOnce(
  url: URL,
  o: FetchOptions,
): Promise<{ code: number; headers: http.IncomingHttpHeaders; body: string }> {
  const maxBytes = o.maxBytes ?? ICAL_MAX_BYTES;
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const headers: Record<string, string> = {
      accept: 'text/calendar, */*;q=0.5',
      'user-agent': 'Kalendaryo',
    };
    if (o.etag) headers['if-none-match'] = o.etag;
    if (o.lastModified) headers['if-modified-since'] = o.lastModified;
    let settled = false;
    const fail = (e: Error) => {
      if (!settled) reject(e);
      settled = true;
      req.destroy();
    };
    const req = client.get(url, { headers, lookup: guardedLookup(o.allowPrivate) as never }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes)
          fail(
            new Error(
              `the calendar is larger than ${(maxBytes / 1024 / 1024).toFixed(maxBytes < 1048576 ? 3 : 0)} MB`,
            ),
          );
        else chunks.push(chunk);
      });
      res.on('end', () => {
        if (settled) return;
        settled = true;
        resolve({
          code: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
      });
      res.on('error', fail);
    });
    req.setTimeout(o.timeoutMs ?? 15_000, () => fail(new Error('the address did not answer in time')));
    req.on('error', fail);
  });
}

/**
 * Downloads a subscribed calendar: conditional (ETag / Last-Modified), at most 10 MB and 15 s,
 * following up to three redirects, each checked again against private addresses.
 */
export async function downloadCalendar(raw: string, o: FetchOptions): Promise<Download> {
  let url = subscriptionUrl(raw);
  for (let hop = 0; hop < 4; hop++) {
    const literal = url.hostname.replace(/^\[|\]$/g, '');
    if (!o.allowPrivate && isIP(literal) !== 0 && isPrivateAddress(literal))
      throw refused('The address points at this machine or a private network.');
    let res: Awaited<ReturnType<typeof requestOnce>>;
    try {
      res = await requestOnce(url, o);
    } catch (e) {
      if ((e as { code?: string }).code === 'EPRIVATE')
        throw refused('The address points at this machine or a private network.');
      throw e;
    }
    if (res.code === 304) return { status: 'not_modified' };
    if (res.code >= 300 && res.code < 400 && res.headers.location) {
      url = subscriptionUrl(new URL(res.headers.location, url).href);
      continue;
    }
    if (res.code !== 200) throw new Error(`the address answered HTTP ${res.code}`);
    const header = (v: string | string[] | undefined) => (typeof v === 'string' ? v : null);
    return {
      status: 'ok',
      body: res.body,
      etag: header(res.headers.etag),
      lastModified: header(res.headers['last-modified']),
    };
  }
  throw new Error('too many redirects');
}
