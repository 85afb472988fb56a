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
