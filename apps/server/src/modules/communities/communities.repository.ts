import type { Queryable } from '../../db/client';
import { rowColumns } from '../../db/columns';
import { containing, Filter, keysetPage, type Page, type PageRequest } from '../../db/paging';

export interface CommunityRow {
  id: string;
  name: string;
  region: string | null;
  province: string | null;
  municipality: string | null;
  barangay: string | null;
}

const COMMUNITY = rowColumns<CommunityRow>()('communities', [
  'id',
  'name',
  'region',
  'province',
  'municipality',
  'barangay',
]);
const COLUMNS = COMMUNITY.list();

/** Communities by name, searchable across name and place names; keyset-paginated on (lower(name), id). */
export async function listCommunities(
  db: Queryable,
  q: { q?: string | undefined },
  page: PageRequest,
): Promise<Page<CommunityRow>> {
  const filter = new Filter();
  if (q.q)
    filter.add(
      "lower(concat_ws(' ', name, region, province, municipality, barangay)) like ?",
      containing(q.q),
    );
  return keysetPage<CommunityRow>(db, {
    columns: COLUMNS,
    from: 'from communities',
    filter,
    orderBy: [
      { sql: 'lower(name)', kind: 'text' },
      { sql: 'id', kind: 'uuid' },
    ],
    page,
  });
}

export async function findCommunity(db: Queryable, id: string): Promise<CommunityRow | undefined> {
  return (await db.query<CommunityRow>(`select ${COLUMNS} from communities where id = $1`, [id])).rows[0];
}

/** Inserts a community; a name already registered at that place raises 23505. */
export async function insertCommunity(db: Queryable, c: Omit<CommunityRow, 'id'>): Promise<CommunityRow> {
  const r = await db.query<CommunityRow>(
    `insert into communities (name, region, province, municipality, barangay) values ($1, $2, $3, $4, $5)
     returning ${COLUMNS}`,
    [c.name, c.region, c.province, c.municipality, c.barangay],
  );
  return r.rows[0]!;
}
