import { z } from 'zod';
import { ULID_PATTERN } from '../ids.js';
import { ReturnableSale } from './contract.js';

/** A till asking central for a sale of another till or store of the chain, to return goods of it. */
export const ReturnLookupRequest = z.object({ saleId: z.string().regex(ULID_PATTERN), tillId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).nullable() }).strict();
export type ReturnLookupRequest = z.infer<typeof ReturnLookupRequest>;

/** The sale as central recorded it, with what every till has returned of it so far. */
export const CentralSale = ReturnableSale.omit({ source: true, refundMethods: true }).extend({ paidWith: z.array(z.string()) });
export type CentralSale = z.infer<typeof CentralSale>;

/** Not found: `tillKnown` false when the receipt names a till that is not one of the chain's. */
export const ReturnLookupResponse = z.discriminatedUnion('found', [
  z.object({ found: z.literal(true), sale: CentralSale }),
  z.object({ found: z.literal(false), tillKnown: z.boolean() }),
]);
export type ReturnLookupResponse = z.infer<typeof ReturnLookupResponse>;

/** A refund goes back the way the sale was paid; store credit is always possible. */
export function refundMethodsFor(paidWith: readonly string[]): ReturnableSale['refundMethods'] {
  const methods: ReturnableSale['refundMethods'] = [];
  if (paidWith.includes('cash')) methods.push('cash');
  if (paidWith.includes('card')) methods.push('card');
  methods.push('storeCredit');
  return methods;
}
