import { TillError } from '../errors.js';
import { MAX_AMOUNT } from '../money.js';

/** The ways a customer pays at the till. */
export const PAYMENT_METHODS = ['cash', 'card'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** How a total is paid: some by card (charged now), the rest in cash, change only from the cash. */
export interface TenderPlan {
  /** To charge on the card terminal now (0: nothing). */
  readonly card: number;
  /** The cash part; null when the cards cover everything and no cash was given. */
  readonly cash: { readonly amount: number; readonly tendered: number; readonly change: number } | null;
}

function amount(value: number, field: string): number {
  if (!Number.isSafeInteger(value) || value < 0 || value > MAX_AMOUNT) throw new TillError('PAYMENT_OUT_OF_RANGE', { [field]: String(value) });
  return value;
}

/**
 * Splits what is left to pay into a card charge and cash. `held` is what cards already paid on
 * this sale (an approval whose sale did not complete yet). The card pays at most what is left
 * (the terminal never gives change); the cash must cover the rest, and only cash gives change.
 */
export function planTender(total: number, held: number, cardMinor: number, cashTenderedMinor: number): TenderPlan {
  const card = amount(cardMinor, 'card');
  const tendered = amount(cashTenderedMinor, 'tendered');
  if (held > total) throw new TillError('PAYMENT_CARD_OVER_TOTAL', { held, total });
  const remainder = total - held;
  if (card > remainder) throw new TillError('PAYMENT_CARD_OVER_REMAINDER', { card, remainder });
  const cashDue = remainder - card;
  if (tendered < cashDue) throw new TillError('PAYMENT_INSUFFICIENT', { total: cashDue, tendered });
  const paidByCard = card > 0 || held > 0;
  return { card, cash: paidByCard && tendered === 0 ? null : { amount: cashDue, tendered, change: tendered - cashDue } };
}
