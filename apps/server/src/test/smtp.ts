import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export { selfSignedCert } from './tls';

export interface ReceivedMail {
  raw: string;
  parsed: ParsedMail;
  /** The session ran over TLS (implicit or after STARTTLS). */
  secure: boolean;
  user: string | undefined;
  recipients: string[];
}

export interface TestSmtp {
  port: number;
  received: ReceivedMail[];
  /** Resolves once `n` messages have arrived. */
  waitFor(n: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

export interface TestSmtpOptions {
  /** 'none': no TLS offered; 'starttls': offered after EHLO; 'implicit': TLS from the first byte. */
  tls?: 'none' | 'starttls' | 'implicit';
  cert?: { key: string; cert: string };
  /** Accounts the server accepts; without, no authentication is asked. */
  users?: Record<string, string>;
  /** Answers RCPT TO with this reply for these addresses, e.g. `{ code: 550, message: 'No such user' }`. */
  refuse?: (address: string) => { code: number; message: string } | undefined;
}

/** An SMTP server on 127.0.0.1 speaking real SMTP (smtp-server), keeping what it receives. */
export async function startTestSmtp(options: TestSmtpOptions = {}): Promise<TestSmtp> {
  const mode = options.tls ?? 'none';
  const received: ReceivedMail[] = [];
  const waiters: { n: number; resolve: (m: ReceivedMail[]) => void }[] = [];
  const users = options.users;
  const server = new SMTPServer({
    secure: mode === 'implicit',
    ...(mode !== 'none' && options.cert ? { key: options.cert.key, cert: options.cert.cert } : {}),
    disabledCommands: mode === 'none' ? ['STARTTLS', ...(users ? [] : ['AUTH'])] : users ? [] : ['AUTH'],
    allowInsecureAuth: true,
    authOptional: !users,
    logger: false,
    onAuth(auth, _session, callback) {
      if (users && users[auth.username ?? ''] === auth.password) callback(null, { user: auth.username });
      else callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      const refusal = options.refuse?.(address.address);
      if (refusal) callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw).then((parsed) => {
          received.push({
            raw,
            parsed,
            secure: session.secure,
            user: typeof session.user === 'string' ? session.user : undefined,
            recipients: session.envelope.rcptTo.map((r) => r.address),
          });
          for (const w of waiters.filter((w) => received.length >= w.n)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(received.slice());
          }
          callback();
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    received,
    waitFor: (n) =>
      received.length >= n
        ? Promise.resolve(received.slice())
        : new Promise((resolve) => waiters.push({ n, resolve })),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
