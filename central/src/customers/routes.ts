import { z } from 'zod';
import { text } from '../../../core/text.js';
import type { Db } from '../db.js';
import { ApiError } from '../errors.js';
import { route, type AnyRoute } from '../routes.js';
import { consoleUser, storeScope } from '../console/auth.js';
import { audit } from '../console/users.js';
import { CustomerHit, searchCustomers } from './search.js';
import { ConsoleProfile, consoleProfile } from './profile.js';

/** The console's customer pages: search and the audited profile. */
export function customerConsoleRoutes(db: Db): AnyRoute[] {
  return [
    route({
      method: 'GET',
      url: '/console/api/customers',
      auth: 'console',
      area: 'customers',
      tag: 'console',
      summary: 'Find customers by phone (any form), e-mail or name; at most 50, phones masked; audited',
      query: z.object({ q: text({ min: 1, max: 200 }) }),
      response: z.object({ kind: z.enum(['phone', 'email', 'name']), customers: z.array(CustomerHit) }),
      handler: async ({ query, caller }) => {
        const result = await searchCustomers(db, query.q.trim());
        await audit(db, consoleUser(caller).userId, 'customer.search', null, { kind: result.kind, found: result.customers.length });
        return result;
      },
    }),
    route({
      method: 'GET',
      url: '/console/api/customers/:customerId',
      auth: 'console',
      area: 'customers',
      tag: 'console',
      summary: "A customer's profile, carts, favourites, purchases and timeline across channels; every view is audited",
      params: z.object({ customerId: text({ min: 1, max: 64 }) }),
      response: ConsoleProfile,
      handler: async ({ params, caller }) => {
        return db.transaction(async (tx) => {
          const profile = await consoleProfile(tx, params.customerId, storeScope(caller));
          if (!profile) throw new ApiError('NOT_FOUND', 'no such customer');
          await audit(tx, consoleUser(caller).userId, 'customer.view', params.customerId);
          return profile;
        });
      },
    }),
  ];
}
