/** Where periodic jobs report: the server's logger, or the console of `kalendaryo worker`. */
export interface JobLog {
  info(o: object, msg: string): void;
  error(o: object, msg: string): void;
}

/**
 * Runs `run` every `everyMs` (first after `firstMs`), never two runs of one job at once, on
 * unref'd timers so a job never keeps the process alive. `run` returns what to log, or nothing
 * when there was nothing to do; a failure is logged and the next tick tries again. Returns the
 * function that stops it.
 */
export function startPeriodic(opts: {
  job: string;
  everyMs: number;
  firstMs: number;
  log: JobLog;
  run: () => Promise<{ msg: string; data: object } | null>;
}): () => void {
  const { job, everyMs, log, run } = opts;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const done = await run();
      if (done) log.info({ job, ...done.data }, done.msg);
    } catch (e) {
      log.error({ job, err: e }, `${job} job failed`);
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void tick(), Math.min(opts.firstMs, everyMs));
  const timer = setInterval(() => void tick(), everyMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
