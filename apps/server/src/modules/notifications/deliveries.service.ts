import type { Db } from '../../db/client';
import type { PageRequest } from '../../db/paging';
import { listDeliveries } from './deliveries.repository';

/** The deliveries given up on, for administrators (the route checks the role). */
export async function failedDeliveries(deps: { db: Db }, query: { status: 'failed' } & PageRequest) {
  const page = await listDeliveries(deps.db, query.status, { limit: query.limit, cursor: query.cursor });
  return {
    items: page.items.map((d) => ({
      id: d.id,
      notificationId: d.notification_id,
      recipientId: d.recipient_id,
      channel: d.channel,
      type: d.type,
      attempts: d.attempts,
      lastError: d.last_error,
      updatedAt: d.updated_at.toISOString(),
    })),
    nextCursor: page.nextCursor,
  };
}
