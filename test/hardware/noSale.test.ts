import { afterEach, describe, expect, it } from 'vitest';
import type { NoSaleView } from '../../core/adjust/contract.js';
import type { ShiftReport } from '../../core/shift/report.js';
import { tillWithPrinter } from '../helpers/printerTill.js';
import { ok } from '../helpers/till.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('No sale on the receipt printer', () => {
  it('kicks the drawer once with a slip, decoded by the printer emulator; counted on the printed X report (Romanian)', async () => {
    const { till, printer } = await tillWithPrinter('ro', cleanups);
    ok(await till.dispatch('shift.open', { float: { '10000': 1 } }));

    const done = ok(await till.dispatch('drawer.noSale', { reason: 'Schimb pentru casa 2' })) as NoSaleView;
    await printer.waitFor((p) => p.receipts.length === 1);
    const slip = printer.receipts[0]!;
    expect(slip.drawerPulses).toBe(1);
    const text = slip.lines.join('\n');
    expect(text).toContain('*** Fără vânzare ***');
    expect(text).toContain('Schimb pentru casa 2');
    expect(text).not.toContain('?');
    expect(printer.decoder.problems).toEqual([]);
    expect(till.db.prepare('SELECT drawer_opened_at IS NOT NULL FROM print_jobs WHERE id = ?').pluck().get(done.jobId)).toBe(1);

    ok(await till.dispatch('shift.x', {})) as ShiftReport;
    await printer.waitFor((p) => p.receipts.length === 2);
    expect(printer.receipts[1]!.lines.join('\n')).toMatch(/Deschideri ale sertarului fără vânzare +1/);
    expect(printer.receipts[1]!.drawerPulses).toBe(0);
  });
});
