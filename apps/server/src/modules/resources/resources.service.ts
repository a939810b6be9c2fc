import type {
  CreateResourceBody,
  ListResourcesQuery,
  Resource,
  ResourceStatus,
  UpdateResourceBody,
} from '@kalendaryo/contract';
import { AppError } from '@kalendaryo/domain';
import type { Queryable } from '../../db/client';
import { sqlState } from '../../db/errors';
import type { PageRequest } from '../../db/paging';
import { recordAudit } from '../audit';
import type { Actor, RequestMeta, ServiceDeps } from '../deps';
import { assertCanManage, canApprove, isManager } from './resources.policy';
import * as repo from './resources.repository';

export type { ResourceRecord } from './resources.repository';

type Deps = Pick<ServiceDeps, 'db'>;

/** The API shape of a resource for `actor`. */
export const presentResource = (r: repo.ResourceRecord, actor: Actor): Resource => ({
  id: r.id,
  name: r.name,
  type: r.type,
  location: r.location,
  capacity: r.capacity,
  description: r.description,
  status: r.status,
  userId: r.userId,
  rules: { ...r.rules, approverIds: [...r.rules.approverIds] },
  version: r.version,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
  canManage: isManager(actor),
  canApprove: canApprove(actor, r.rules.approverIds),
});

/** Loads a resource with its rules (everyone signed in may see resources); 404 when there is none. */
export async function loadResource(
  db: Queryable,
  id: string,
  forUpdate = false,
): Promise<repo.ResourceRecord> {
  const r = await repo.findResource(db, id, forUpdate);
  if (!r) throw new AppError('resource.not_found');
  return r;
}

/** Several resources by id, keyed by id. */
export async function loadResources(db: Queryable, ids: readonly string[]) {
  return new Map((await repo.findResources(db, ids)).map((r) => [r.id, r]));
}

/** A page of resources by name, filtered (for availability and search too). */
export const findResourcePage = (db: Queryable, q: repo.ResourceQuery, page: PageRequest) =>
  repo.listResources(db, q, page);

/** Translates foreign-key violations of the users a client names into 422s. */
async function guardRefs<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (sqlState(e) === '23503') {
      const constraint = String((e as { constraint?: string }).constraint ?? '');
      const field = constraint.startsWith('resource_approvers') ? 'rules.approverIds' : 'userId';
      throw new AppError('request.invalid', `${field} names a user who does not exist.`, [
        { field, message: 'does not name an existing user' },
      ]);
    }
    throw e;
  }
}

function valuesOf(base: repo.ResourceRecord | undefined, body: UpdateResourceBody): repo.ResourceValues {
  const pick = <T>(given: T | undefined, current: T) => (given === undefined ? current : given);
  const v: repo.ResourceValues = {
    name: pick(body.name, base?.name ?? ''),
    type: pick(body.type, base?.type ?? 'other'),
    location: pick(body.location, base?.location ?? null),
    capacity: pick(body.capacity, base?.capacity ?? null),
    description: pick(body.description, base?.description ?? null),
    status: pick(body.status, base?.status ?? 'available'),
    userId: pick(body.userId, base?.userId ?? null),
    maxDaysAhead: pick(body.rules?.maxDaysAhead, base?.rules.maxDaysAhead ?? null),
    maxDurationMinutes: pick(body.rules?.maxDurationMinutes, base?.rules.maxDurationMinutes ?? null),
    autoApprove: pick(body.rules?.autoApprove, base?.rules.autoApprove ?? false),
  };
  if (v.type === 'facilitator' && !v.userId)
    throw new AppError('request.invalid', 'A facilitator stands for a user: give userId.', [
      { field: 'userId', message: 'is required for a facilitator' },
    ]);
  if (v.type !== 'facilitator' && v.userId)
    throw new AppError('request.invalid', 'Only facilitators are linked to a user.', [
      { field: 'userId', message: 'is only for facilitators' },
    ]);
  return v;
}

/** Creates a resource (coordinators and administrators). */
export async function createResource(
  deps: Deps,
  actor: Actor,
  body: CreateResourceBody,
  meta: RequestMeta,
): Promise<Resource> {
  assertCanManage(actor);
  const values = valuesOf(undefined, body);
  const id = await guardRefs(() =>
    deps.db.transaction(async (tx) => {
      const newId = await repo.insertResource(tx, values, actor.userId);
      await repo.setApprovers(tx, newId, body.rules?.approverIds ?? []);
      await recordAudit(tx, {
        actorId: actor.userId,
        action: 'resource.created',
        entityType: 'resource',
        entityId: newId,
        ip: meta.ip,
        data: { name: values.name, type: values.type },
      });
      return newId;
    }),
  );
  return presentResource(await loadResource(deps.db, id), actor);
}

/**
 * Edits a resource (coordinators and administrators). Rules given replace those stored; rules
 * left out stay. A stale `expectedVersion` is a 412.
 */
export async function updateResource(
  deps: Deps,
  actor: Actor,
  id: string,
  body: UpdateResourceBody,
  expectedVersion: number | undefined,
  meta: RequestMeta,
): Promise<Resource> {
  assertCanManage(actor);
  await guardRefs(() =>
    deps.db.transaction(async (tx) => {
      const current = await loadResource(tx, id, true);
      if (expectedVersion !== undefined && expectedVersion !== current.version)
        throw new AppError(
          'request.precondition_failed',
          `The resource is at version ${current.version}, not ${expectedVersion}: reload it and apply your change again.`,
          undefined,
          { currentVersion: current.version },
        );
      const values = valuesOf(current, body);
      if (!(await repo.updateResource(tx, id, values, current.version)))
        throw new AppError('request.precondition_failed');
      if (body.rules?.approverIds) await repo.setApprovers(tx, id, body.rules.approverIds);
      const statusChanged = values.status !== current.status;
      await recordAudit(tx, {
        actorId: actor.userId,
        action: statusChanged && values.status === 'retired' ? 'resource.retired' : 'resource.updated',
        entityType: 'resource',
        entityId: id,
        ip: meta.ip,
        data: {
          fields: Object.keys(body).filter((k) => k !== 'version'),
          ...(statusChanged ? { from: current.status, to: values.status } : {}),
        },
      });
    }),
  );
  return presentResource(await loadResource(deps.db, id), actor);
}

/** Retires a resource: it stays in the records but takes no new bookings. */
export async function setResourceStatus(
  deps: Deps,
  actor: Actor,
  id: string,
  status: ResourceStatus,
  meta: RequestMeta,
): Promise<Resource> {
  return updateResource(deps, actor, id, { status }, undefined, meta);
}

export async function getResource(deps: Deps, actor: Actor, id: string): Promise<Resource> {
  return presentResource(await loadResource(deps.db, id), actor);
}

export async function listResources(
  deps: Deps,
  actor: Actor,
  q: ListResourcesQuery,
): Promise<{ items: Resource[]; nextCursor: string | null }> {
  const found = await repo.listResources(deps.db, q, q);
  return { items: found.items.map((r) => presentResource(r, actor)), nextCursor: found.nextCursor };
}
