import type { FastifyInstance } from 'fastify';
import type { Db } from '../db.js';
import { refreshAllSegments } from './segments.js';

/**
 * Segments are computed again every `minutes` while central runs (purchases, carts and consents
 * move customers in and out), one refresh at a time; stopped when the app closes.
 */
export function scheduleSegmentRefresh(app: FastifyInstance, db: Db, minutes: number): void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    refreshAllSegments(db)
      .catch((err: unknown) => app.log.error({ err }, 'segment refresh failed'))
      .finally(() => (running = false));
  }, minutes * 60_000);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}
