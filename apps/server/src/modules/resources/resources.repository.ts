import type { ListResourcesQuery, ResourceStatus, ResourceType } from '@kalendaryo/contract';
import type { Queryable } from '../../db/client';
import { columnsOf, rowColumns } from '../../db/columns';
import { containing, Filter, keysetPage, type Page, type PageRequest } from '../../db/paging';

/** A resource with its booking rules, as the services use it. */
export interface ResourceRecord {
  id: string;
  name: string;
  type: ResourceType;
  location: string | null;
  capacity: number | null;
  description: string | null;
  status: ResourceStatus;
  userId: string | null;
  rules: {
    maxDaysAhead: number | null;
    maxDurationMinutes: number | null;
    approverIds: string[];
    autoApprove: boolean;
  };
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

interface ResourceRow {
  id: string;
  name: string;
  type: ResourceType;
  location: string | null;
  capacity: number | null;
  description: string | null;
  status: ResourceStatus;
  user_id: string | null;
  max_days_ahead: number | null;
  max_duration_minutes: number | null;
  auto_approve: boolean;
  approver_ids: string[] | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const RESOURCE = rowColumns<Omit<ResourceRow, 'approver_ids'>>()('resources', [
  'id',
  'name',
  'type',
  'location',
  'capacity',
  'description',
  'status',
  'user_id',
  'max_days_ahead',
  'max_duration_minutes',
  'auto_approve',
  'version',
  'created_at',
  'updated_at',
]);
columnsOf('resource_approvers', ['resource_id', 'user_id']);

/** The select list of a resource with its approvers (alias `r`). */
const RESOURCE_COLUMNS = `${RESOURCE.list('r')},
  array(select a.user_id::text from resource_approvers a where a.resource_id = r.id order by a.user_id) as approver_ids`;

const toRecord = (r: ResourceRow): ResourceRecord => ({
  id: r.id,
  name: r.name,
  type: r.type,
  location: r.location,
  capacity: r.capacity,
  description: r.description,
  status: r.status,
  userId: r.user_id,
  rules: {
    maxDaysAhead: r.max_days_ahead,
    maxDurationMinutes: r.max_duration_minutes,
    approverIds: r.approver_ids ?? [],
    autoApprove: r.auto_approve,
  },
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function findResource(
  db: Queryable,
  id: string,
  forUpdate = false,
): Promise<ResourceRecord | undefined> {
  const r = await db.query<ResourceRow>(
    `select ${RESOURCE_COLUMNS} from resources r where r.id = $1 ${forUpdate ? 'for update of r' : ''}`,
    [id],
  );
  return r.rows[0] && toRecord(r.rows[0]);
}

export async function findResources(db: Queryable, ids: readonly string[]): Promise<ResourceRecord[]> {
  if (ids.length === 0) return [];
  const r = await db.query<ResourceRow>(
    `select ${RESOURCE_COLUMNS} from resources r where r.id = any($1::uuid[])`,
    [[...new Set(ids)]],
  );
  return r.rows.map(toRecord);
}

/** The stored form of a resource's fields. */
export interface ResourceValues {
  name: string;
  type: ResourceType;
  location: string | null;
  capacity: number | null;
  description: string | null;
  status: ResourceStatus;
  userId: string | null;
  maxDaysAhead: number | null;
  maxDurationMinutes: number | null;
  autoApprove: boolean;
}

const valueParams = (v: ResourceValues) => [
  v.name,
  v.type,
  v.location,
  v.capacity,
  v.description,
  v.status,
  v.userId,
  v.maxDaysAhead,
  v.maxDurationMinutes,
  v.autoApprove,
];

export async function insertResource(db: Queryable, v: ResourceValues, createdBy: string): Promise<string> {
  const r = await db.query<{ id: string }>(
    `insert into resources (name, type, location, capacity, description, status, user_id, max_days_ahead,
                            max_duration_minutes, auto_approve, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
    [...valueParams(v), createdBy],
  );
  return r.rows[0]!.id;
}

/** Writes every field; false when the row is no longer at `version`. */
export async function updateResource(
  db: Queryable,
  id: string,
  v: ResourceValues,
  version: number,
): Promise<boolean> {
  const r = await db.query(
    `update resources set name = $2, type = $3, location = $4, capacity = $5, description = $6, status = $7,
            user_id = $8, max_days_ahead = $9, max_duration_minutes = $10, auto_approve = $11,
            version = version + 1, updated_at = now()
      where id = $1 and version = $12`,
    [id, ...valueParams(v), version],
  );
  return r.rowCount === 1;
}

export async function setApprovers(db: Queryable, id: string, userIds: readonly string[]): Promise<void> {
  await db.query('delete from resource_approvers where resource_id = $1', [id]);
  if (userIds.length)
    await db.query(
      'insert into resource_approvers (resource_id, user_id) select $1, unnest($2::uuid[]) on conflict do nothing',
      [id, [...new Set(userIds)]],
    );
}

/** What a list of resources may be narrowed to. */
export type ResourceQuery = Pick<ListResourcesQuery, 'type' | 'status' | 'q' | 'capacity'> & {
  ids?: readonly string[] | undefined;
  excludeRetired?: boolean;
};

/** Resources by name, filtered; keyset-paginated on (lower(name), id). */
export async function listResources(
  db: Queryable,
  q: ResourceQuery,
  page: PageRequest,
): Promise<Page<ResourceRecord>> {
  const filter = new Filter();
  if (q.type) filter.add('r.type = ?', q.type);
  if (q.status) filter.add('r.status = ?', q.status);
  else if (q.excludeRetired) filter.raw(`r.status <> 'retired'`);
  if (q.q) filter.add("lower(concat_ws(' ', r.name, r.location, r.description)) like ?", containing(q.q));
  if (q.capacity !== undefined) filter.add('r.capacity >= ?', q.capacity);
  if (q.ids) filter.add('r.id = any(?::uuid[])', q.ids);
  const found = await keysetPage<ResourceRow>(db, {
    columns: RESOURCE_COLUMNS,
    from: 'from resources r',
    filter,
    orderBy: [
      { sql: 'lower(r.name)', kind: 'text' },
      { sql: 'r.id', kind: 'uuid' },
    ],
    page,
  });
  return { items: found.items.map(toRecord), nextCursor: found.nextCursor };
}
