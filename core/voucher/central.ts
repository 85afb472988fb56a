import { z } from 'zod';
import { ULID_PATTERN } from '../ids.js';
import { CURRENCIES } from '../money.js';
import { VOUCHER_PATTERN } from './code.js';

/**
 * A till spending a voucher online: central takes the amount off its balance in one conditional
 * update, keyed by the till's spend id (a retry gets the first answer, never a second spend).
 */
export const VoucherRedeemRequest = z
  .object({
    spendId: z.string().regex(ULID_PATTERN),
    code: z.string().regex(VOUCHER_PATTERN),
    saleId: z.string().regex(ULID_PATTERN),
    currency: z.enum(CURRENCIES),
    amountMinor: z.number().int().min(1).max(1_000_000_000),
  })
  .strict();
export type VoucherRedeemRequest = z.infer<typeof VoucherRedeemRequest>;

export const VOUCHER_REFUSALS = ['unknown', 'spent', 'insufficient', 'currency'] as const;

/** Taken: what is left on it. Refused: why, and the balance when the voucher exists. */
export const VoucherRedeemResponse = z.discriminatedUnion('taken', [
  z.object({ taken: z.literal(true), spendId: z.string(), amountMinor: z.number().int(), balanceMinor: z.number().int() }),
  z.object({ taken: z.literal(false), reason: z.enum(VOUCHER_REFUSALS), balanceMinor: z.number().int().nullable() }),
]);
export type VoucherRedeemResponse = z.infer<typeof VoucherRedeemResponse>;

/**
 * A till giving back a spend held on an open sale (the cashier removed the voucher, or cancelled
 * the sale), keyed by the same spend id: central adds back once what that spend took, however
 * often it is asked. A spend central never had is recorded as given back, so a late spend request
 * with its id takes nothing.
 */
export const VoucherReturnRequest = z
  .object({
    spendId: z.string().regex(ULID_PATTERN),
    code: z.string().regex(VOUCHER_PATTERN),
    saleId: z.string().regex(ULID_PATTERN),
    amountMinor: z.number().int().min(1).max(1_000_000_000),
  })
  .strict();
export type VoucherReturnRequest = z.infer<typeof VoucherReturnRequest>;

/** `unknown`: no such voucher; `mismatch`: the spend id belongs to another voucher, till or amount. */
export const VOUCHER_RETURN_REFUSALS = ['unknown', 'mismatch'] as const;

/** Given back: how much went back on it by this spend (0: central never had it) and the balance now. */
export const VoucherReturnResponse = z.discriminatedUnion('returned', [
  z.object({ returned: z.literal(true), spendId: z.string(), givenBackMinor: z.number().int(), balanceMinor: z.number().int() }),
  z.object({ returned: z.literal(false), reason: z.enum(VOUCHER_RETURN_REFUSALS) }),
]);
export type VoucherReturnResponse = z.infer<typeof VoucherReturnResponse>;
