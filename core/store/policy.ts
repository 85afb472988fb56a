import { z } from 'zod';
import { PAYMENT_METHODS } from '../payment/tender.js';
import { DEFAULT_NO_RECEIPT_POLICY, NO_RECEIPT_METHODS } from '../noreceipt/contract.js';
import { DEFAULT_MANUAL_DISCOUNT_LIMIT } from '../staff/roles.js';

/**
 * A store's policies, set at central per store and enforced by its tills: the ways it takes
 * payment, how it refunds a return without a receipt (and at most how much), how deep a manual
 * discount a cashier may give alone, and how much of other tills' store credit one till takes
 * offline. Central keeps them with a version; a till learns them when it pairs and on every pull.
 */

/** The most a voucher cap or a no-receipt maximum may be, in minor units. */
export const MAX_POLICY_MINOR = 100_000_000;

const limit = z.number().min(0).max(100);
const minor = z.number().int().min(0).max(MAX_POLICY_MINOR);

/** Only the values this build knows, kept in order, each once: a newer central may name more. */
function knownOnly<const T extends readonly [string, ...string[]]>(values: T) {
  return z.preprocess(
    (v) => (Array.isArray(v) ? [...new Set(v.filter((x): x is T[number] => (values as readonly unknown[]).includes(x)))] : v),
    z.array(z.enum(values)).min(1).max(values.length),
  );
}

/** The policies as a till reads them from central: unknown fields dropped, unknown methods skipped. */
export const StorePolicy = z.object({
  paymentMethods: knownOnly(PAYMENT_METHODS),
  noReceiptReturns: z.object({ methods: knownOnly(NO_RECEIPT_METHODS), maxMinor: minor }),
  /** Percent of what a manual discount applies to; deeper needs a manager. */
  manualDiscountLimit: limit,
  /** Others' vouchers this till takes offline, in all, until central has them (0: none). */
  voucherOfflineCapMinor: minor,
});
export type StorePolicy = z.infer<typeof StorePolicy>;

/** The store document of the pull (entity `store`, in the store's scope), and the pair reply's store. */
export const StoreDoc = StorePolicy.extend({
  id: z.string().min(1).max(64),
  name: z.string().max(200),
  /** Goes up by one with every change of a policy at central. */
  version: z.number().int().min(1),
  changedAt: z.iso.datetime({ offset: true }),
});
export type StoreDoc = z.infer<typeof StoreDoc>;

/** At most two decimals of a percent: central keeps basis points. */
const twoDecimals = (n: number) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6;

/** The policies as central takes them from a person or automation: strict at every level. */
export const StorePolicyInput = z
  .object({
    paymentMethods: z.array(z.enum(PAYMENT_METHODS)).min(1).max(PAYMENT_METHODS.length),
    noReceiptReturns: z.strictObject({ methods: z.array(z.enum(NO_RECEIPT_METHODS)).min(1).max(NO_RECEIPT_METHODS.length), maxMinor: minor }),
    manualDiscountLimit: limit.refine(twoDecimals, 'at most two decimals'),
    voucherOfflineCapMinor: minor,
  })
  .strict();
export type StorePolicyInput = z.infer<typeof StorePolicyInput>;

/** Until central says otherwise. */
export const DEFAULT_STORE_POLICY: StorePolicy = {
  paymentMethods: ['cash', 'card'],
  noReceiptReturns: DEFAULT_NO_RECEIPT_POLICY,
  manualDiscountLimit: DEFAULT_MANUAL_DISCOUNT_LIMIT,
  voucherOfflineCapMinor: 0,
};

export const STORE_POLICY_FIELDS = ['paymentMethods', 'noReceiptReturns', 'manualDiscountLimit', 'voucherOfflineCapMinor'] as const satisfies readonly (keyof StorePolicy)[];

/** The fields of `next` that differ from `current`, each with both values (what an audit row records). */
export function policyChanges(current: StorePolicy, next: StorePolicy): Partial<Record<keyof StorePolicy, { from: unknown; to: unknown }>> {
  const changed: Partial<Record<keyof StorePolicy, { from: unknown; to: unknown }>> = {};
  for (const field of STORE_POLICY_FIELDS) {
    if (JSON.stringify(current[field]) !== JSON.stringify(next[field])) changed[field] = { from: current[field], to: next[field] };
  }
  return changed;
}
