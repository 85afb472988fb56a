import { RECEIPT_LABELS } from '../receipt/labels.js';
import { formatAmount } from '../receipt/layout.js';
import type { ReceiptLanguage } from '../receipt/model.js';
import type { Currency } from '../money.js';
import { foldForPrinter, printsEverything, type CanPrint } from '../receipt/printable.js';

/** A pole display shows two lines of twenty characters. */
export const POLE_COLUMNS = 20;

export type PoleScreen =
  | { readonly kind: 'idle'; readonly welcome: readonly [string, string] }
  /** After each scan: the item just added and the running total. */
  | { readonly kind: 'item'; readonly name: string; readonly amount: number; readonly total: number; readonly currency: Currency }
  /** `saved`: what every promotion, automatic ones included, took off the sale. */
  | { readonly kind: 'paid'; readonly total: number; readonly change: number; readonly saved: number; readonly currency: Currency };

/** One line: the left text cut to fit, the right text whole and flush right. */
function row(left: string, right: string): string {
  const room = POLE_COLUMNS - [...right].length - (right ? 1 : 0);
  const cut = [...left].slice(0, Math.max(0, room)).join('');
  return cut + ' '.repeat(POLE_COLUMNS - [...cut].length - [...right].length) + right;
}

function centred(text: string): string {
  const chars = [...text].slice(0, POLE_COLUMNS);
  const left = Math.floor((POLE_COLUMNS - chars.length) / 2);
  return (' '.repeat(left) + chars.join('')).padEnd(POLE_COLUMNS, ' ');
}

/**
 * The two lines, exactly twenty characters each, in the store's language; text is folded to
 * what the display's code page holds before it is measured.
 */
export function poleLines(screen: PoleScreen, language: ReceiptLanguage, canPrint: CanPrint = printsEverything): [string, string] {
  const fold = (text: string): string => foldForPrinter(text, canPrint);
  const labels = RECEIPT_LABELS[language];
  switch (screen.kind) {
    case 'idle':
      return [centred(fold(screen.welcome[0])), centred(fold(screen.welcome[1]))];
    case 'item':
      return [
        row(fold(screen.name), formatAmount(screen.amount, screen.currency)),
        row(fold(`${labels.total} ${labels.currency[screen.currency]}`), formatAmount(screen.total, screen.currency)),
      ];
    case 'paid': {
      const total = row(fold(`${labels.total} ${labels.currency[screen.currency]}`), formatAmount(screen.total, screen.currency));
      const change = row(fold(labels.change), formatAmount(screen.change, screen.currency));
      if (screen.saved <= 0) return [total, change];
      // Two lines only: what she saved goes under the change she is handed, or under the total when there is none.
      return [screen.change > 0 ? change : total, row(fold(labels.saved), formatAmount(screen.saved, screen.currency))];
    }
  }
}
