/**
 * Body of an expansion worker thread: expands one series per message with the domain's budget
 * and a deadline on the thread's own clock, and answers the occurrences or the AppError.
 */
import { parentPort } from 'node:worker_threads';
import { expandSeries, isAppError } from '@kalendaryo/domain';
import type { ExpansionReply, ExpansionTask } from './expansion-pool';

const port = parentPort;
if (!port) throw new Error('expansion.worker.ts runs as a worker thread');

port.on('message', (task: ExpansionTask) => {
  let reply: ExpansionReply;
  try {
    const now = () => performance.now();
    const got = expandSeries(task.input, { ...task.options, deadline: { now, at: now() + task.timeMs } });
    reply = { id: task.id, ok: true, expansion: got };
  } catch (e) {
    reply = isAppError(e)
      ? { id: task.id, ok: false, code: e.code, detail: e.detail, fields: e.fields }
      : {
          id: task.id,
          ok: false,
          code: 'server.internal',
          detail: undefined,
          fields: undefined,
          internal: String(e),
        };
  }
  port.postMessage(reply);
});
