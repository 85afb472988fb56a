import type { Language } from '../../../core/i18n/index.js';
import type { CompletedSaleView, SaleView } from '../../../core/sale/contract.js';
import type { DisplayLink } from './deviceLinks.js';

/**
 * The customer display follows the sale: the line a change touched (or the last one still in
 * the sale) with the running total, the welcome when no sale is open. Whatever happens to the
 * display, the sale never hears of it.
 */
export function showSale(display: DisplayLink, language: Language, view: SaleView | null, lineId?: string): void {
  if (!view || view.status !== 'open') return display.idle();
  const live = view.lines.filter((l) => !l.voided);
  const line = (lineId ? view.lines.find((l) => l.id === lineId) : undefined) ?? live.at(-1);
  const shown = line && !line.voided ? line : live.at(-1);
  display.item({
    name: shown ? shown.names[language] : '',
    amount: shown ? shown.lineTotal : 0,
    total: view.totals.total,
    currency: view.currency,
  });
}

/** After payment: the total and the change, and what the promotions saved her. */
export function showPaid(display: DisplayLink, completed: CompletedSaleView): void {
  const cash = completed.payments[0];
  const { total, discount } = completed.sale.totals;
  display.paid({ total, change: cash?.change ?? 0, saved: discount, currency: completed.sale.currency });
}
