import { z } from 'zod';
import { policyChanges, StorePolicyInput } from '../../../core/store/policy.js';
import type { Db } from '../db.js';
import { ApiError } from '../errors.js';
import { route, type AnyRoute, type Caller } from '../routes.js';
import { assertStoreAllowed, consoleUser, storeScope } from '../console/auth.js';
import { audit } from '../console/users.js';
import { setStorePolicy, storePolicy, StorePolicyView } from './policy.js';

const StoreId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/);

/**
 * What a store manager may change of their own stores: the ways the store takes payment and how
 * deep a discount a cashier gives alone (a manager approves above it anyway). The no-receipt policy
 * and the offline voucher cap bound money leaving the store with no sale or no central check behind
 * it, the very things a manager approves or takes: they stay with the chain's IT.
 */
export const MANAGER_FIELDS = ['paymentMethods', 'manualDiscountLimit'] as const;

function assertMayChange(caller: Caller, changed: readonly string[]): void {
  if (storeScope(caller) === null) return;
  const others = changed.filter((f) => !(MANAGER_FIELDS as readonly string[]).includes(f));
  if (others.length > 0) throw new ApiError('FORBIDDEN', `a store manager may not change ${others.join(', ')}: ask the chain's IT`, others.map((f) => ({ path: [f] })));
}

/** The console's store settings: IT admins any store, store managers their own (some fields); every change audited. */
export function storeConsoleRoutes(db: Db): AnyRoute[] {
  return [
    route({
      method: 'GET',
      url: '/console/api/stores/:storeId/policy',
      auth: 'console',
      area: 'stores',
      tag: 'console',
      summary: "A store's policies (payment methods, returns without a receipt, manual discount limit, offline voucher cap), their version, and which of them the caller may change",
      params: z.object({ storeId: StoreId }),
      response: StorePolicyView.extend({ editable: z.array(z.string()) }),
      handler: async ({ params, caller }) => {
        assertStoreAllowed(caller, params.storeId);
        const policy = await storePolicy(db, params.storeId);
        if (!policy) throw new ApiError('NOT_FOUND', 'no such store');
        return { ...policy, editable: storeScope(caller) === null ? Object.keys(StorePolicyInput.shape) : [...MANAGER_FIELDS] };
      },
    }),
    route({
      method: 'PUT',
      url: '/console/api/stores/:storeId/policy',
      auth: 'console',
      area: 'stores',
      tag: 'console',
      summary: "Set a store's policies; its tills enforce them after their next pull. A store manager changes payment methods and the discount limit of their own stores; audited",
      params: z.object({ storeId: StoreId }),
      body: StorePolicyInput,
      response: StorePolicyView,
      handler: async ({ params, body, caller }) => {
        assertStoreAllowed(caller, params.storeId);
        return db.transaction(async (tx) => {
          const before = await storePolicy(tx, params.storeId);
          if (!before) throw new ApiError('NOT_FOUND', 'no such store');
          const changed = policyChanges(before, body);
          assertMayChange(caller, Object.keys(changed));
          const after = (await setStorePolicy(tx, params.storeId, body)) as StorePolicyView;
          if (Object.keys(changed).length > 0) await audit(tx, consoleUser(caller).userId, 'store.policy', null, { storeId: params.storeId, version: after.version, changed });
          return after;
        });
      },
    }),
  ];
}
