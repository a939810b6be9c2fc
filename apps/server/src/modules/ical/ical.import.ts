import type { ImportResult } from '@kalendaryo/contract';
import { AppError } from '@kalendaryo/domain';
import { recordAudit } from '../audit';
import { requireCalendar } from '../calendars';
import type { Actor, RequestMeta, ServiceDeps } from '../deps';
import { applyImport, timesOfImported } from './ical.import.apply';
import { type ImportedItem, type ReadResult, readCalendar } from './ical.import.read';
import { subscriptionOfCalendar } from './ical.subscriptions.repository';

/** Reads a file and checks every item against the recurrence engine (refused rules are skipped). */
export const readForImport = (body: string): ReadResult =>
  readCalendar(body, (item: ImportedItem) => {
    timesOfImported(item);
  });

/** Thrown to roll back a dry run after it has done everything but commit. */
class DryRun extends Error {
  constructor(readonly result: ImportResult) {
    super('dry run');
  }
}

/**
 * Imports an iCalendar file into a calendar the actor may edit, in one transaction: a file that
 * cannot be read is a 422 `ical.invalid` and nothing is written. With `dryRun` the same work runs
 * and is rolled back, so the preview's counts are exactly what the import would do.
 */
export async function importCalendar(
  deps: Pick<ServiceDeps, 'db'>,
  actor: Actor,
  calendarId: string,
  body: string,
  options: { dryRun: boolean },
  meta: RequestMeta,
): Promise<ImportResult> {
  await requireCalendar(deps.db, actor, calendarId, 'edit');
  if (await subscriptionOfCalendar(deps.db, calendarId))
    throw new AppError(
      'calendar.read_only',
      'This calendar mirrors an external address; import into another calendar.',
    );
  const read = readForImport(body);
  try {
    return await deps.db.transaction(async (tx) => {
      const counts = await applyImport(tx, {
        calendarId,
        organizerId: actor.userId,
        items: read.items,
        removeMissing: false,
      });
      const result: ImportResult = {
        created: counts.created,
        updated: counts.updated,
        unchanged: counts.unchanged,
        skipped: read.skipped,
        dryRun: options.dryRun,
      };
      if (options.dryRun) throw new DryRun(result);
      await recordAudit(tx, {
        actorId: actor.userId,
        action: 'calendar.imported',
        entityType: 'calendar',
        entityId: calendarId,
        ip: meta.ip,
        data: { created: result.created, updated: result.updated, skipped: result.skipped.length },
      });
      return result;
    });
  } catch (e) {
    if (e instanceof DryRun) return e.result;
    throw e;
  }
}
