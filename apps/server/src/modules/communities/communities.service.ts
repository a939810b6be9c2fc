import type { Community } from '@kalendaryo/contract';
import { AppError } from '@kalendaryo/domain';
import { sqlState } from '../../db/errors';
import { decodeCursor, encodeCursor } from '../../http/pagination';
import type { Actor, ServiceDeps } from '../deps';

interface CommunityRow {
  id: string;
  name: string;
  region: string | null;
  province: string | null;
  municipality: string | null;
  barangay: string | null;
}

const present = (r: CommunityRow): Community => ({
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
  q: { q?: string | undefined; limit: number; cursor?: string | undefined },
) {
  const params: unknown[] = [];
  const where: string[] = [];
  if (q.q) {
    params.push(`%${q.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(
      `lower(concat_ws(' ', name, region, province, municipality, barangay)) like $${params.length}`,
    );
  }
  if (q.cursor) {
    const [name, id] = decodeCursor(q.cursor, ['string', 'uuid']);
    params.push(name, id);
    where.push(`(lower(name), id) > ($${params.length - 1}, $${params.length}::uuid)`);
  }
  params.push(q.limit + 1);
  const rows = (
    await deps.db.query<CommunityRow>(
      `select * from communities ${where.length ? `where ${where.join(' and ')}` : ''} order by lower(name), id limit $${params.length}`,
      params,
    )
  ).rows;
  const items = rows.slice(0, q.limit);
  const last = items.at(-1);
  return {
    items: items.map(present),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.name.toLowerCase(), last.id]) : null,
  };
}

export async function getCommunity(deps: Pick<ServiceDeps, 'db'>, id: string): Promise<Community> {
  const row = (await deps.db.query<CommunityRow>('select * from communities where id = $1', [id])).rows[0];
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
    const row = await deps.db.query<CommunityRow>(
      'insert into communities (name, region, province, municipality, barangay) values ($1, $2, $3, $4, $5) returning *',
      [
        body.name,
        body.region ?? null,
        body.province ?? null,
        body.municipality ?? null,
        body.barangay ?? null,
      ],
    );
    return present(row.rows[0]!);
  } catch (e) {
    if (sqlState(e) === '23505')
      throw new AppError('community.duplicate', `${body.name} is already registered there.`);
    throw e;
  }
}
