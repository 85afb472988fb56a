import { z } from 'zod';
import type { Db } from '../db.js';
import type { Readiness } from '../app.js';
import { ApiError } from '../errors.js';
import { route, type AnyRoute } from '../routes.js';

export function serviceRoutes(db: Db, document: () => Record<string, unknown>, readiness: () => Readiness): AnyRoute[] {
  return [
    route({
      method: 'GET',
      url: '/healthz',
      auth: 'none',
      tag: 'service',
      summary: 'Liveness and database reachability, for load balancers; 503 with the progress while the demo chain is seeded',
      response: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }),
      handler: async ({ reply }) => {
        const ready = readiness();
        // Seeding holds the database (PGlite has one session): answered from memory, at once.
        if (ready.status !== 'ok') return reply.code(503).send({ ...ready, database: db.kind });
        try {
          await db.query('SELECT 1');
        } catch {
          throw new ApiError('INTERNAL', 'database unreachable');
        }
        return { status: 'ok', database: db.kind };
      },
    }),
    route({
      method: 'GET',
      url: '/openapi.json',
      auth: 'none',
      tag: 'service',
      summary: 'This document',
      handler: async () => document(),
    }),
  ];
}
