import { createDecipheriv, createECDH, createHmac, createPublicKey, randomBytes, verify } from 'node:crypto';
import { Agent, createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { selfSignedCert } from './tls';

/** A browser's side of a push subscription: its P-256 key pair and auth secret (RFC 8291 §2). */
export interface TestBrowser {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  /** Decrypts an aes128gcm body sent to this browser (RFC 8291 §3.4, RFC 8188). */
  decrypt(body: Buffer): string;
}

export interface PushRequest {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** The decrypted payload, or the reason it could not be decrypted. */
  payload: string;
  /** The VAPID JWT verified with the key in `Authorization: vapid t=…, k=…` (RFC 8292 §3). */
  vapid: { valid: boolean; publicKey: string; claims: Record<string, unknown> };
}

export interface TestPushService {
  /** A new subscription at this service; `status` is what the service answers for it (201, 404, 410…). */
  browser(status?: number): TestBrowser;
  received: PushRequest[];
  /** Trusts the service's self-signed certificate. */
  agent: Agent;
  close(): Promise<void>;
}

const hmac = (key: Buffer, data: Buffer) => createHmac('sha256', key).update(data).digest();

function decryptAes128gcm(body: Buffer, ecdh: ReturnType<typeof createECDH>, authSecret: Buffer): string {
  const salt = body.subarray(0, 16);
  const idlen = body.readUInt8(20);
  const asPublic = body.subarray(21, 21 + idlen);
  const ciphertext = body.subarray(21 + idlen);
  const uaPublic = ecdh.getPublicKey();
  const ecdhSecret = ecdh.computeSecret(asPublic);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), uaPublic, asPublic]);
  const ikm = hmac(hmac(authSecret, ecdhSecret), Buffer.concat([keyInfo, Buffer.from([1])]));
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0\x01')).subarray(0, 16);
  const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0\x01')).subarray(0, 12);
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([
    decipher.update(ciphertext.subarray(0, ciphertext.length - 16)),
    decipher.final(),
  ]);
  // The last record ends with the delimiter 0x02 followed by zero padding (RFC 8188 §2).
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error('no last-record delimiter');
  return padded.subarray(0, end).toString('utf8');
}

function checkVapid(header: string | undefined): PushRequest['vapid'] {
  const match = /^vapid t=([^,\s]+),\s*k=(\S+)$/.exec(header ?? '');
  if (!match) return { valid: false, publicKey: '', claims: {} };
  const [, jwt = '', k = ''] = match;
  const [head = '', claims = '', signature = ''] = jwt.split('.');
  const point = Buffer.from(k, 'base64url');
  const key = createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33, 65).toString('base64url'),
    },
    format: 'jwk',
  });
  const valid = verify(
    'sha256',
    Buffer.from(`${head}.${claims}`),
    { key, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
  return { valid, publicKey: k, claims: JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) };
}

/**
 * A push service on https://127.0.0.1 (self-signed, made with openssl): it accepts RFC 8030
 * POSTs, checks the VAPID signature and decrypts each payload with the browser's private key.
 * Undefined where openssl is missing.
 */
export async function startTestPushService(): Promise<TestPushService | undefined> {
  const cert = selfSignedCert();
  if (!cert) return undefined;
  const browsers = new Map<string, { status: number; decrypt: (b: Buffer) => string }>();
  const received: PushRequest[] = [];
  const server: Server = createServer({ key: cert.key, cert: cert.cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '';
      const browser = browsers.get(path);
      let payload: string;
      try {
        payload = browser ? browser.decrypt(Buffer.concat(chunks)) : 'unknown subscription';
      } catch (e) {
        payload = `undecryptable: ${(e as Error).message}`;
      }
      received.push({ path, headers: req.headers, payload, vapid: checkVapid(req.headers.authorization) });
      res.writeHead(browser?.status ?? 404).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    received,
    agent: new Agent({ ca: cert.cert }),
    browser(status = 201) {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const auth = randomBytes(16);
      const path = `/push/${randomBytes(8).toString('hex')}`;
      const decrypt = (body: Buffer) => decryptAes128gcm(body, ecdh, auth);
      browsers.set(path, { status, decrypt });
      return {
        endpoint: `${origin}${path}`,
        keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') },
        decrypt,
      };
    },
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
