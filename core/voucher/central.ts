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
