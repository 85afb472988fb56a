import { z } from 'zod';

/**
 * What a card terminal answers a charge or a refund. Approved carries what the receipt and
 * central record (approval code, the card's last four); declined carries why; timeout means
 * the terminal said nothing in time, so nothing is taken as paid.
 */
export const DECLINE_REASONS = ['card_declined', 'insufficient_funds', 'cancelled', 'terminal_error'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

export const TerminalOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('approved'), approvalCode: z.string().regex(/^[A-Z0-9]{1,12}$/), cardLast4: z.string().regex(/^\d{4}$/) }),
  z.object({ outcome: z.literal('declined'), reason: z.enum(DECLINE_REASONS) }),
  z.object({ outcome: z.literal('timeout') }),
]);
export type TerminalOutcome = z.infer<typeof TerminalOutcome>;

/**
 * The terminal's own record of the last operation it was asked for (its "last transaction
 * status"): the till's reference for it, and how it ended — null while it has not ended (the
 * card holder is still at the PIN pad). What the till asks at start-up about a charge or a
 * refund it died waiting for.
 */
export const TerminalRecord = z.object({
  reference: z.string(),
  type: z.enum(['charge', 'refund']),
  amountMinor: z.number().int().positive(),
  outcome: TerminalOutcome.nullable(),
});
export type TerminalRecord = z.infer<typeof TerminalRecord>;
