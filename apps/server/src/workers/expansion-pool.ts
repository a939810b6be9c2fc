/**
 * A small pool of worker threads that expand recurrence rules off the event loop, so that a
 * costly expansion never keeps the server from answering other requests (`/api/health` among
 * them). Each task carries the domain's candidate budget and a time limit on the worker's clock;
 * a worker that still has not answered well past that limit, or runs out of memory, is replaced.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ErrorCode, FieldError } from '@kalendaryo/contract';
import { AppError, type ExpandOptions, type Expansion, type RecurrenceInput } from '@kalendaryo/domain';

/** One expansion for a worker (plain data: it crosses the thread boundary). */
export interface ExpansionTask {
  id: number;
  input: RecurrenceInput;
  options: Omit<ExpandOptions, 'deadline'>;
  /** Time limit inside the worker, in milliseconds. */
  timeMs: number;
}

/** A worker's answer: the expansion, or the error it ended with. */
export type ExpansionReply =
  | { id: number; ok: true; expansion: Expansion }
  | {
      id: number;
      ok: false;
      code: ErrorCode;
      detail: string | undefined;
      fields: readonly FieldError[] | undefined;
      internal?: string;
    };

export interface ExpansionPoolOptions {
  /** Worker threads at most (default: one core fewer than the machine has, between 1 and 2). */
  size?: number;
  /** Time limit of one expansion inside a worker (default 2 s). */
  timeMs?: number;
  /** Expansions waiting for a worker at most; more are refused with 429 (default 64). */
  maxQueue?: number;
  /** Heap of one worker in MB (default 256): a worker that needs more is replaced. */
  heapMb?: number;
}

interface Job {
  task: ExpansionTask;
  resolve: (e: Expansion) => void;
  reject: (e: unknown) => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  timer: NodeJS.Timeout | null;
}

const ENTRY = new URL('./expansion.worker.mjs', import.meta.url);
// How long past its own time limit a worker may take to answer before it is replaced.
const GRACE_MS = 3000;

function tooSlow(): AppError {
  const message = 'expanding this rule takes too long; simplify the rule or narrow the window';
  return new AppError('recurrence.too_complex', message, [{ field: 'rrule', message, code: 'time' }]);
}

/** Worker threads expanding series; see the module comment. */
export class ExpansionPool {
  private readonly size: number;
  private readonly timeMs: number;
  private readonly maxQueue: number;
  private readonly heapMb: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: ExpansionPoolOptions = {}) {
    // One core stays with the event loop, which must keep answering while the workers are busy.
    this.size = options.size ?? Math.max(1, Math.min(2, availableParallelism() - 1));
    this.timeMs = options.timeMs ?? 2000;
    this.maxQueue = options.maxQueue ?? 64;
    this.heapMb = options.heapMb ?? 256;
  }

  /** Expands a series in a worker thread; rejects with the domain's AppError when it fails. */
  expand(input: RecurrenceInput, options: Omit<ExpandOptions, 'deadline'> = {}): Promise<Expansion> {
    if (this.closed) return Promise.reject(new AppError('server.shutting_down'));
    if (this.queue.length >= this.maxQueue) {
      return Promise.reject(
        new AppError('request.rate_limited', 'Too many recurrence expansions at once; try again shortly.'),
      );
    }
    return new Promise<Expansion>((resolve, reject) => {
      this.queue.push({ task: { id: this.nextId++, input, options, timeMs: this.timeMs }, resolve, reject });
      this.dispatch();
    });
  }

  /** Starts the workers now rather than on the first expansion (loading them takes a moment). */
  warm(): void {
    while (!this.closed && this.slots.length < this.size) this.spawn();
  }

  /** Stops every worker; expansions still waiting or running fail with server.shutting_down. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new AppError('server.shutting_down'));
    await Promise.all(
      this.slots.splice(0).map((slot) => this.retire(slot, new AppError('server.shutting_down'))),
    );
  }

  private spawn(): Slot {
    const worker = new Worker(ENTRY, {
      // The parent's flags (test runners, --import) are not the worker's business.
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: this.heapMb },
    });
    const slot: Slot = { worker, job: null, timer: null };
    worker.unref(); // an idle pool never keeps the process alive
    worker.on('message', (reply: ExpansionReply) => this.settle(slot, reply));
    worker.on('error', (e) => this.lose(slot, e));
    worker.on('exit', () => this.lose(slot, new Error('expansion worker exited')));
    this.slots.push(slot);
    return slot;
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const slot =
        this.slots.find((s) => s.job === null) ?? (this.slots.length < this.size ? this.spawn() : undefined);
      if (!slot) return;
      const job = this.queue.shift() as Job;
      slot.job = job;
      slot.timer = setTimeout(() => void this.retire(slot, tooSlow()), job.task.timeMs + GRACE_MS);
      slot.timer.unref();
      slot.worker.ref(); // busy: keep the process alive until it answers
      slot.worker.postMessage(job.task);
    }
  }

  private settle(slot: Slot, reply: ExpansionReply): void {
    const job = slot.job;
    if (!job || job.task.id !== reply.id) return;
    this.release(slot);
    if (reply.ok) job.resolve(reply.expansion);
    else if (reply.code === 'server.internal') job.reject(new Error(reply.internal ?? 'expansion failed'));
    else job.reject(new AppError(reply.code, reply.detail, reply.fields));
    this.dispatch();
  }

  private release(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    slot.worker.unref();
  }

  /** A worker that died (out of memory, crashed): its expansion fails and a new one takes its place. */
  private lose(slot: Slot, e: unknown): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    const job = slot.job;
    this.release(slot);
    const outOfMemory = (e as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
    job?.reject(outOfMemory ? tooSlow() : e);
    if (!this.closed) this.dispatch();
  }

  /** Stops a worker (too slow, or closing), failing its expansion with `reason`. */
  private async retire(slot: Slot, reason: unknown): Promise<void> {
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    const job = slot.job;
    this.release(slot);
    job?.reject(reason);
    await slot.worker.terminate();
    if (!this.closed) this.dispatch();
  }
}
