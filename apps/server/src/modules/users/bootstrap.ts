import { createUserBody } from '@kalendaryo/contract';
import { isAppError } from '@kalendaryo/domain';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config';
import type { ServiceDeps } from '../deps';
import { createFirstAdmin, needsSetup } from './users.service';

/**
 * With no user yet and KALENDARYO_ADMIN_EMAIL / KALENDARYO_ADMIN_PASSWORD set, creates that
 * administrator; otherwise the web app offers its first-run page.
 */
export async function ensureFirstAdmin(
  deps: ServiceDeps & { config: Pick<Config, 'adminEmail' | 'adminPassword' | 'adminName'> },
  log: Pick<FastifyBaseLogger, 'info' | 'warn'>,
): Promise<void> {
  const { adminEmail, adminPassword, adminName } = deps.config;
  if (!(await needsSetup(deps))) return;
  if (!adminEmail || !adminPassword) {
    log.info('No user exists yet: open the web app to create the first administrator.');
    return;
  }
  const parsed = createUserBody.safeParse({
    email: adminEmail,
    password: adminPassword,
    name: adminName,
    role: 'admin',
  });
  if (!parsed.success) {
    throw new Error(
      `KALENDARYO_ADMIN_EMAIL/KALENDARYO_ADMIN_PASSWORD are invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  try {
    await createFirstAdmin(deps, parsed.data, null);
    log.info({ email: parsed.data.email }, 'created the first administrator');
  } catch (e) {
    if (isAppError(e) && e.code === 'auth.weak_password') {
      throw new Error(
        `KALENDARYO_ADMIN_PASSWORD is too weak to create the first administrator. ${e.fields?.[0]?.message ?? ''} ` +
          'Set a phrase of three or four unrelated words (at least 10 characters) and start again.',
      );
    }
    if ((e as { code?: string }).code !== 'setup.already_done') throw e;
  }
}
