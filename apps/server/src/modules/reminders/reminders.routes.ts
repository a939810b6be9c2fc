import { itemRemindersBody, itemRemindersResponse, uuidParam } from '@kalendaryo/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/auth';
import { getItemReminders, type ReminderDeps, setItemReminders } from './reminders.service';

const tags = ['notifications'];

export async function remindersRoutes(app: FastifyInstance, deps: ReminderDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/items/:id/reminders',
    {
      schema: {
        tags,
        summary: 'Your reminders for an item: your own, or your defaults while you set none',
        params: uuidParam,
        response: { 200: itemRemindersResponse },
      },
    },
    async (request) => getItemReminders(deps, actorOf(request), request.params.id),
  );

  r.put(
    '/api/v1/items/:id/reminders',
    {
      schema: {
        tags,
        summary: 'Set your own reminders for an item (minutes before each occurrence starts)',
        description:
          'Anyone who sees the item sets their own; viewers only for items they take part in. An empty list means no reminders. Declined occurrences never remind.',
        params: uuidParam,
        body: itemRemindersBody,
        response: { 200: itemRemindersResponse },
      },
    },
    async (request) => setItemReminders(deps, actorOf(request), request.params.id, request.body.minutes),
  );
}
