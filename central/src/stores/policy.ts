import { z } from 'zod';
import { StorePolicyInput } from '../../../core/store/policy.js';
import type { Queryable } from '../db.js';

/**
 * A store's policies at central (core/store/policy.ts). Every write goes through here; the
 * database bumps the store's policy version and logs its `store` document for the store's tills
 * to pull (migration 0034's triggers), in the writer's transaction.
 */

/** The policies and what the console shows beside them. */
export const StorePolicyView = StorePolicyInput.extend({
  storeId: z.string(),
  name: z.string(),
  currency: z.string(),
  version: z.number().int(),
  changedAt: z.string(),
});
export type StorePolicyView = z.infer<typeof StorePolicyView>;

export const POLICY_COLUMNS = `payment_methods AS "paymentMethods",
  json_build_object('methods', no_receipt_methods, 'maxMinor', no_receipt_max_minor) AS "noReceiptReturns",
  manual_discount_limit_bp::float8 / 100 AS "manualDiscountLimit", voucher_offline_cap_minor::int AS "voucherOfflineCapMinor"`;

const VIEW_COLUMNS = `id AS "storeId", name, currency, ${POLICY_COLUMNS}, policy_version AS version, iso(policy_changed_at) AS "changedAt"`;

export async function storePolicy(q: Queryable, storeId: string): Promise<StorePolicyView | null> {
  const { rows } = await q.query<StorePolicyView>(`SELECT ${VIEW_COLUMNS} FROM stores WHERE id = $1`, [storeId]);
  return rows[0] ?? null;
}

/** Sets the policies given (the others keep their value); null when there is no such store. */
export async function setStorePolicy(q: Queryable, storeId: string, policy: Partial<StorePolicyInput>): Promise<StorePolicyView | null> {
  const { rows } = await q.query<StorePolicyView>(
    `UPDATE stores SET payment_methods = COALESCE($2, payment_methods), no_receipt_methods = COALESCE($3, no_receipt_methods),
       no_receipt_max_minor = COALESCE($4, no_receipt_max_minor), manual_discount_limit_bp = COALESCE($5, manual_discount_limit_bp),
       voucher_offline_cap_minor = COALESCE($6, voucher_offline_cap_minor)
     WHERE id = $1 RETURNING ${VIEW_COLUMNS}`,
    [
      storeId,
      policy.paymentMethods ? [...new Set(policy.paymentMethods)] : null,
      policy.noReceiptReturns ? [...new Set(policy.noReceiptReturns.methods)] : null,
      policy.noReceiptReturns?.maxMinor ?? null,
      policy.manualDiscountLimit === undefined ? null : Math.round(policy.manualDiscountLimit * 100),
      policy.voucherOfflineCapMinor ?? null,
    ],
  );
  return rows[0] ?? null;
}
