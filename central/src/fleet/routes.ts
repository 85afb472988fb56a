import { z } from 'zod';
import type { Db } from '../db.js';
import { route, type AnyRoute } from '../routes.js';
import { assertStoreAllowed, storeScope } from '../console/auth.js';
import { DEFAULT_SILENT_MINUTES, MAX_SILENT_MINUTES } from '../../../core/console/fleet.js';
import { FleetStore, fleetHealth } from './health.js';

const StoreId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/);

/** The console's fleet page: every store's tills and how they are doing. Store managers: their stores. */
export function fleetConsoleRoutes(db: Db): AnyRoute[] {
  return [
    route({
      method: 'GET',
      url: '/console/api/fleet',
      auth: 'console',
      area: 'fleet',
      tag: 'console',
      summary: 'Per store and till: last pull and push, queue, rejected ops (and the latest one), open conflicts, app and protocol version; silent tills flagged',
      query: z.object({ silentMinutes: z.coerce.number().int().min(1).max(MAX_SILENT_MINUTES).default(DEFAULT_SILENT_MINUTES), storeId: StoreId.optional() }),
      response: z.object({ now: z.string(), silentMinutes: z.number(), stores: z.array(FleetStore) }),
      handler: async ({ query, caller }) => {
        if (query.storeId) assertStoreAllowed(caller, query.storeId);
        const scope = query.storeId ? [query.storeId] : storeScope(caller);
        return { ...(await fleetHealth(db, scope, query.silentMinutes)), silentMinutes: query.silentMinutes };
      },
    }),
  ];
}
