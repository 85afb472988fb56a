import { z } from 'zod';

/**
 * What central answers when a channel or a till asks to hold a code for a sale
 * (central/src/promo/ledger.ts), shared so the till reads exactly what central says.
 */
export const RESERVE_REFUSALS = ['unknown_code', 'expired', 'not_yet_valid', 'code_void', 'code_redeemed', 'reserved_elsewhere', 'not_your_code', 'usage_exhausted', 'budget_exhausted'] as const;
export type ReserveRefusal = (typeof RESERVE_REFUSALS)[number];

export const ReserveResult = z.discriminatedUnion('reserved', [
  z.object({ reserved: z.literal(true), reservationId: z.string(), code: z.string(), campaignId: z.string(), expiresAt: z.string() }),
  z.object({ reserved: z.literal(false), code: z.string(), reason: z.enum(RESERVE_REFUSALS) }),
]);
export type ReserveResult = z.infer<typeof ReserveResult>;
