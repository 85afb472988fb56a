import { z } from 'zod';
import { catalogues, interpolate, LANGUAGES } from '../i18n/index.js';
import { centre, formatAmount, twoColumns, wrap, type LayoutOptions, type ReceiptBlock } from '../receipt/layout.js';
import { foldForPrinter, printsEverything } from '../receipt/printable.js';
import { formatRate } from '../vat.js';
import { ShiftReport } from './report.js';

/**
 * An X or Z report as the print queue keeps it: the report, the store's name, the times on
 * the store's wall clock ("2026-12-04T18:02:11+02:00") and the language of the till's staff.
 */
export const PrintedShiftReport = z.object({
  language: z.enum(LANGUAGES),
  storeName: z.string().max(200),
  openedAt: z.string().max(40),
  at: z.string().max(40),
  report: ShiftReport,
});
export type PrintedShiftReport = z.infer<typeof PrintedShiftReport>;

const time = (local: string): string => `${local.slice(0, 10)} ${local.slice(11, 16)}`;

/** The report in fixed columns for the receipt printer, in the same blocks a receipt is printed from. */
export function layoutShiftReport(doc: PrintedShiftReport, options: LayoutOptions): ReceiptBlock[] {
  const { report } = doc;
  const ui = catalogues[doc.language].ui.shift;
  const width = options.columns;
  const fold = (s: string): string => foldForPrinter(s, options.canPrint ?? printsEverything);
  const money = (minor: number): string => formatAmount(minor, report.currency);
  const blocks: ReceiptBlock[] = [];
  const line = (text: string, bold = false): void => void blocks.push({ kind: 'text', text: text.trimEnd(), bold });
  const centred = (text: string, bold = false): void => {
    for (const part of wrap(fold(text), width)) line(centre(part, width), bold);
  };
  const pair = (left: string, right: string, bold = false): void => {
    for (const part of twoColumns(fold(left), fold(right), width)) line(part, bold);
  };
  const rule = (): void => line('-'.repeat(width));
  const methodName = (method: string): string => (method === 'cash' ? ui.method_cash : method === 'card' ? ui.method_card : method === 'voucher' ? ui.method_voucher : method);

  centred(doc.storeName, true);
  centred(report.kind === 'Z' ? interpolate(ui.report_Z, { no: report.zNo ?? 0 }) : ui.report_X, true);
  pair(interpolate(ui.printedTill, { till: report.tillId }), time(doc.at));
  centred(interpolate(ui.openSince, { time: time(doc.openedAt), name: report.openedBy }));
  centred(interpolate(ui.printedBy, { name: report.by }));
  rule();
  pair(`${ui.sales} (${report.sales.count})`, money(report.sales.gross));
  pair(`${ui.returns} (${report.returns.count})`, money(report.returns.gross));
  pair(ui.storeCreditIssued, money(report.storeCredit.issued));
  pair(ui.storeCreditTaken, money(report.storeCredit.taken));
  pair(ui.discounts, money(report.discounts));
  pair(ui.noSales, String(report.noSales));
  if (report.noSalesBeforeShift > 0) pair(ui.noSalesBeforeShift, String(report.noSalesBeforeShift));
  rule();
  line(fold(ui.payments), true);
  for (const p of report.payments) pair(`  ${methodName(p.method)}`, money(p.amount));
  rule();
  line(fold(ui.vat), true);
  for (const v of report.vat) pair(`  ${formatRate(v.basisPoints)}  ${money(v.gross)}`, money(v.vat));
  rule();
  pair(ui.float, money(report.float));
  pair(ui.cashIn, money(report.cashIn));
  pair(ui.cashOut, money(report.cashOut));
  pair(ui.expected, money(report.expectedCash), true);
  if (report.countedCash !== null) pair(ui.counted, money(report.countedCash), true);
  if (report.difference !== null) pair(ui.difference, money(report.difference));
  if (report.interrupted.count > 0) {
    rule();
    pair(`${ui.interrupted} (${report.interrupted.count})`, money(report.interrupted.amount), true);
    if (report.interrupted.open > 0) pair(`  ${ui.interruptedOpen}`, String(report.interrupted.open), true);
  }
  return blocks;
}
