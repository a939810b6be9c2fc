import type { Community } from '@kalendaryo/contract';
import { AppError } from '@kalendaryo/domain';
import { sqlState } from '../../db/errors';
import type { PageRequest } from '../../db/paging';
import type { Actor, ServiceDeps } from '../deps';
import * as repo from './communities.repository';

const present = (r: repo.CommunityRow): Community => ({
  id: r.id,
  name: r.name,
  region: r.region,
  province: r.province,
  municipality: r.municipality,
  barangay: r.barangay,
});

/** Communities by name, searchable across name and place names. */
export async function listCommunities(
  deps: Pick<ServiceDeps, 'db'>,
  q: PageRequest & { q?: string | undefined },
) {
  const page = await repo.listCommunities(deps.db, q, q);
  return { items: page.items.map(present), nextCursor: page.nextCursor };
}

export async function getCommunity(deps: Pick<ServiceDeps, 'db'>, id: string): Promise<Community> {
  const row = await repo.findCommunity(deps.db, id);
  if (!row) throw new AppError('community.not_found');
  return present(row);
}

/** Registers a community (coordinators and administrators). */
export async function createCommunity(
  deps: Pick<ServiceDeps, 'db'>,
  actor: Actor,
  body: Omit<Community, 'id' | 'region' | 'province' | 'municipality' | 'barangay'> &
    Partial<Record<'region' | 'province' | 'municipality' | 'barangay', string | null>>,
): Promise<Community> {
  if (actor.role !== 'admin' && actor.role !== 'coordinator') {
    throw new AppError('auth.forbidden', 'Only coordinators and administrators register communities.');
  }
  try {
    const row = await repo.insertCommunity(deps.db, {
      name: body.name,
      region: body.region ?? null,
      province: body.province ?? null,
      municipality: body.municipality ?? null,
      barangay: body.barangay ?? null,
    });
    return present(row);
  } catch (e) {
    if (sqlState(e) === '23505')
      throw new AppError('community.duplicate', `${body.name} is already registered there.`);
    throw e;
  }
}
