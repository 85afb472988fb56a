import { z } from 'zod';
import { HeldVoucherView } from '../voucher/contract.js';
import { text } from '../text.js';
import { CompletedSaleView } from '../sale/contract.js';
import { CURRENCIES } from '../money.js';
import { PAYMENT_METHODS } from './tender.js';

/** Card and split payments: what the store takes, the cards held on the open sale, paying, cancelling, reversing. */

const Empty = z.object({}).strict();
const Minor = z.number().int();

export const HeldCardView = z.object({ attemptId: z.string(), amount: Minor, cardLast4: z.string(), approvalCode: z.string() });

export const PaymentStateView = z.object({
  /** What this store takes (settings, from the store record). */
  methods: z.array(z.enum(PAYMENT_METHODS)),
  /** A card terminal is set up at this till. */
  terminal: z.boolean(),
  /** Card approvals already taken on the open sale whose sale has not completed yet. */
  held: z.array(HeldCardView),
  /** Store-credit vouchers taken on the open sale (core/voucher). */
  vouchers: z.array(HeldVoucherView),
});
export type PaymentStateView = z.infer<typeof PaymentStateView>;

/** A card charge, refund or reversal the till died waiting for, which the terminal's record could not settle. */
export const InterruptedView = z.object({
  kind: z.enum(['charge', 'refund', 'reversal']),
  attemptId: z.string(),
  saleId: z.string(),
  amount: Minor,
  currency: z.enum(CURRENCIES),
  startedAt: z.string(),
});
export type InterruptedView = z.infer<typeof InterruptedView>;

export const paymentContract = {
  'payment.state': { input: Empty, output: PaymentStateView },
  /**
   * Pays the open sale: `cardMinor` charged on the terminal first (0: none), then the cash for
   * the rest; change only from cash. Declined or timed out: an error, the sale stays open.
   */
  'payment.pay': { input: z.object({ cardMinor: Minor, cashTenderedMinor: Minor }).strict(), output: CompletedSaleView },
  /** The cashier gives up on the card in the terminal: the charge in progress ends as cancelled. */
  'payment.cancel': { input: Empty, output: z.null() },
  /**
   * Refunds a card approval held on the open sale through the terminal (so the sale can be changed
   * or cancelled). The reversal is recorded before the terminal is asked: cut off, it is settled
   * at start-up from the terminal's record or shown to staff.
   */
  'payment.reverse': { input: z.object({ attemptId: text({ min: 1, max: 64 }) }).strict(), output: PaymentStateView },
  /** Interrupted card operations not settled yet, oldest first: a notice for staff. */
  'payment.interrupted': { input: Empty, output: z.array(InterruptedView) },
  /** A manager checked one on the terminal's journal: marked checked and audited; what is left. */
  'payment.resolveInterrupted': { input: z.object({ attemptId: text({ min: 1, max: 64 }) }).strict(), output: z.array(InterruptedView) },
} as const;
