import { afterEach, describe, expect, it } from 'vitest';
import type { SaleView } from '../../core/sale/contract.js';
import type { ShiftReport } from '../../core/shift/report.js';
import { tillWithPrinter } from '../helpers/printerTill.js';
import { ok } from '../helpers/till.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});


const money = (minor: number) => (minor / 100).toFixed(2);

describe('X and Z reports on the receipt printer', () => {
  it('prints X at any time and Z at close through the print queue, totals per payment method, decoded by the emulator (Cyrillic)', async () => {
    const { till, printer } = await tillWithPrinter('ru', cleanups);
    ok(await till.dispatch('shift.open', { float: { '10000': 1 } }));
    const code = till.db.prepare(`SELECT b.code FROM barcodes b JOIN products p USING (sku) WHERE p.sold_by = 'unit' AND length(b.code) = 13 ORDER BY b.code LIMIT 1`).pluck().get() as string;
    const sale = ok(await till.dispatch('sale.scan', { code })) as SaleView;
    const card = Math.floor(sale.totals.total / 2);
    ok(await till.dispatch('payment.pay', { cardMinor: card, cashTenderedMinor: sale.totals.total - card }));
    await printer.waitFor((p) => p.receipts.length === 1);

    const x = ok(await till.dispatch('shift.x', {})) as ShiftReport;
    await printer.waitFor((p) => p.receipts.length === 2);
    const xText = printer.receipts[1]!.lines.join('\n');
    expect(xText).toContain('X-отчёт');
    expect(xText).toMatch(new RegExp(`Карта +${money(card)}`));
    expect(xText).toMatch(new RegExp(`Наличные +${money(sale.totals.total - card)}`));
    expect(xText).toMatch(new RegExp(`Должно быть в ящике +${money(x.expectedCash)}`));
    expect(printer.receipts[1]!.drawerPulses).toBe(0);
    expect(printer.decoder.problems).toEqual([]);

    const counted = { '10000': 1, '1': x.expectedCash - 10_000 };
    const z = ok(await till.dispatch('shift.close', { counted })) as ShiftReport;
    await printer.waitFor((p) => p.receipts.length === 3);
    const zText = printer.receipts[2]!.lines.join('\n');
    expect(zText).toContain(`Z-отчёт № ${z.zNo}`);
    expect(zText).toMatch(new RegExp(`Пересчитано +${money(x.expectedCash)}`));
    expect(zText).not.toContain('?');
    await till.printQueue?.idle();
    expect(till.db.prepare(`SELECT kind, state, sale_id FROM print_jobs WHERE kind = 'report' ORDER BY created_at`).all()).toEqual([
      { kind: 'report', state: 'done', sale_id: null },
      { kind: 'report', state: 'done', sale_id: null },
    ]);
  });
});
