import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { buildApp } from '../../http/app';
import { createTestDb, type TestDb } from '../../test/db';
import { startTestSmtp, type TestSmtp } from '../../test/smtp';
import type { Channel } from '../notifications';
import { createChannels } from '../notifications';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

/** The app with the email channel made from `SMTP_URL`, as `kalendaryo serve` makes it. */
async function appWithMail(smtpUrl: string | undefined) {
  const testDb: TestDb = await createTestDb();
  open.push(testDb);
  const config = loadConfig(smtpUrl ? { SMTP_URL: smtpUrl } : {});
  const channels: Channel[] = createChannels(config, testDb.db);
  open.push({ close: async () => void (await Promise.all(channels.map((c) => c.close?.()))) });
  const app = await buildApp({
    db: testDb.db,
    config,
    mail: channels.find((c) => c.name === 'email') ?? null,
  });
  open.push(app);
  return app;
}

describe('GET /api/health reports the mail channel', () => {
  it('as off without SMTP_URL', async () => {
    const app = await appWithMail(undefined);
    const res = await app.inject({ url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json().checks.mail).toBe('off');
  });

  it('as ok while the SMTP server answers', async () => {
    const smtp: TestSmtp = await startTestSmtp();
    open.push(smtp);
    const app = await appWithMail(`smtp://127.0.0.1:${smtp.port}`);
    const res = await app.inject({ url: '/api/health' });
    expect(res.json()).toMatchObject({ status: 'ok', checks: { database: 'up', mail: 'ok' } });
  });

  it('as error when the SMTP server is down, without making the server unhealthy', async () => {
    const smtp = await startTestSmtp();
    await smtp.close();
    const app = await appWithMail(`smtp://127.0.0.1:${smtp.port}`);
    const res = await app.inject({ url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', checks: { database: 'up', mail: 'error' } });
  });
});
