import { z } from 'zod';
import type { Db } from '../db.js';
import { ApiError } from '../errors.js';
import { route, type AnyRoute } from '../routes.js';

export function serviceRoutes(db: Db, document: () => Record<string, unknown>): AnyRoute[] {
  return [
    route({
      method: 'GET',
      url: '/healthz',
      auth: 'none',
      tag: 'service',
      summary: 'Liveness and database reachability, for load balancers',
      response: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }),
      handler: async () => {
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
