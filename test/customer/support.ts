import type { CustomerProfile, LookupResult } from '../../core/customer/contract.js';

/** A Romanian number as a cashier types it: "0721 000 002". */
export const national = (e164: string) => `0${e164.slice(3, 6)} ${e164.slice(6, 9)} ${e164.slice(9)}`;

export const profileOf = (r: LookupResult): CustomerProfile => {
  if (r.kind !== 'customer') throw new Error(`expected a customer, got ${r.kind}`);
  return r.customer;
};
