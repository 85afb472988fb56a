import { z } from 'zod';
import { catalogues, interpolate, LANGUAGES } from '../i18n/index.js';
import { centre, twoColumns, wrap, type LayoutOptions, type ReceiptBlock } from '../receipt/layout.js';
import { foldForPrinter, printsEverything } from '../receipt/printable.js';

/**
 * The slip printed when the drawer is opened without a sale: who, when, on which till, the
 * shift's count of such openings, and the reason if one was given. No amounts: nothing was sold.
 */
export const NoSaleSlip = z.object({
  language: z.enum(LANGUAGES),
  storeName: z.string().max(200),
  tillId: z.string().max(64),
  by: z.string().max(100),
  /** The store's wall clock, e.g. 2026-12-04T18:02:11+02:00. */
  at: z.string().max(40),
  count: z.number().int().min(0),
  /** No shift was open: `count` is the openings waiting for the next shift. Absent from slips queued before it. */
  beforeShift: z.boolean().default(false),
  reason: z.string().max(100),
});
export type NoSaleSlip = z.infer<typeof NoSaleSlip>;

export function layoutNoSaleSlip(slip: NoSaleSlip, options: LayoutOptions): ReceiptBlock[] {
  const ui = catalogues[slip.language].ui;
  const fold = (s: string): string => foldForPrinter(s, options.canPrint ?? printsEverything);
  const blocks: ReceiptBlock[] = [];
  const line = (text: string, bold = false): void => void blocks.push({ kind: 'text', text: text.trimEnd(), bold });
  const centred = (text: string, bold = false): void => {
    for (const part of wrap(fold(text), options.columns)) line(centre(part, options.columns), bold);
  };
  centred(slip.storeName, true);
  centred(`*** ${ui.adjust.noSale} ***`, true);
  for (const part of twoColumns(fold(interpolate(ui.shift.printedTill, { till: slip.tillId })), `${slip.at.slice(0, 10)} ${slip.at.slice(11, 16)}`, options.columns)) line(part);
  centred(interpolate(ui.shift.printedBy, { name: slip.by }));
  if (slip.reason !== '') centred(slip.reason);
  if (slip.count > 0) centred(`${slip.beforeShift ? ui.shift.noSalesBeforeShift : ui.shift.noSales}: ${slip.count}`);
  return blocks;
}
