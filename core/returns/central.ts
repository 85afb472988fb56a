import { z } from 'zod';
import { ULID_PATTERN } from '../ids.js';
import { ReturnableSale } from './contract.js';

export const TILL_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * A till asking central for a sale of another till or store of the chain, to return goods of it:
 * by the receipt's QR (sale id, and the till it names), or by the receipt's number as printed,
 * the till and its number there (`tillId` matched without regard to case, as a cashier types it).
 */
export const ReturnLookupRequest = z.union([
  z.object({ saleId: z.string().regex(ULID_PATTERN), tillId: z.string().regex(TILL_ID_PATTERN).nullable() }).strict(),
  z.object({ tillId: z.string().regex(TILL_ID_PATTERN), receiptNo: z.number().int().min(1).max(999_999_999) }).strict(),
]);
export type ReturnLookupRequest = z.infer<typeof ReturnLookupRequest>;

/**
 * The card charge of a sale as central recorded it from the till's op: what a card refund at
 * another till goes back against (the terminal's approval, the card's last four and the selling
 * till's reference for the charge). Only the first charge of a sale; `amount` is what the card paid in all.
 */
export const CentralCardCharge = z.object({
  approvalCode: z.string().regex(/^[A-Z0-9]{1,12}$/),
  cardLast4: z.string().regex(/^\d{4}$/),
  reference: z.string().regex(ULID_PATTERN),
  amount: z.number().int().positive(),
  /** What returns at any till have already given back to the card. */
  refunded: z.number().int().min(0),
});
export type CentralCardCharge = z.infer<typeof CentralCardCharge>;

/**
 * The sale as central recorded it, with what every till has returned of it so far. `card`: the
 * charge a refund goes back to; null when the sale was paid by card but central does not hold
 * the approval (an older till's op); absent from an older central.
 */
export const CentralSale = ReturnableSale.omit({ source: true, refundMethods: true, cardApprovalUnknown: true }).extend({
  paidWith: z.array(z.string()),
  card: CentralCardCharge.nullable().optional(),
});
export type CentralSale = z.infer<typeof CentralSale>;

/** Not found: `tillKnown` false when the receipt names a till that is not one of the chain's. */
export const ReturnLookupResponse = z.discriminatedUnion('found', [
  z.object({ found: z.literal(true), sale: CentralSale }),
  z.object({ found: z.literal(false), tillKnown: z.boolean() }),
]);
export type ReturnLookupResponse = z.infer<typeof ReturnLookupResponse>;

/**
 * A refund goes back the way the sale was paid; store credit is always possible. A card payment
 * whose approval is not known here (`cardKnown` false) cannot be refunded to the card: cash
 * instead (a manager approves it, see the staff rules).
 */
export function refundMethodsFor(paidWith: readonly string[], cardKnown = true): ReturnableSale['refundMethods'] {
  const methods: ReturnableSale['refundMethods'] = [];
  const card = paidWith.includes('card');
  if (paidWith.includes('cash') || (card && !cardKnown)) methods.push('cash');
  if (card && cardKnown) methods.push('card');
  methods.push('storeCredit');
  return methods;
}
