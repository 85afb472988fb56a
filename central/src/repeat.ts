/** What a job run on a timer logs with. */
export interface JobLog {
  info(o: object, m: string): void;
  error(o: object, m: string): void;
}

/**
 * Runs `job` now, then `everyMs` after each run has ended (never two at once), until the returned
 * stop is called; a failed run is logged as `failed` and the next one tries again.
 */
export function repeat(everyMs: number, job: () => Promise<void>, log: JobLog, failed: string): () => void {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const run = async () => {
    try {
      await job();
    } catch (e) {
      log.error({ err: e instanceof Error ? e.message : String(e) }, failed);
    }
    if (!stopped) timer = setTimeout(() => void run(), everyMs);
    timer?.unref();
  };
  void run();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
