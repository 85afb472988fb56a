import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { NoSaleView } from '../../core/adjust/contract.js';
import type { ShiftReport } from '../../core/shift/report.js';
import { startTill } from '../../electron/backend/till.js';
import { EmulatedPrinter } from '../emulators/printer.js';
import { ok, openTestTill, silentLog } from '../helpers/till.js';
import { tempDir } from '../helpers/tmp.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('No sale on the receipt printer', () => {
  it('kicks the drawer once with a slip, decoded by the printer emulator; counted on the printed X report (Romanian)', async () => {
    const file = join(tempDir(), 'till.sqlite');
    await openTestTill({ file, products: 50, customers: 5 }).close();
    const till = startTill({
      databaseFile: file,
      language: 'ro',
      log: silentLog,
      printQueue: { timeouts: { statusTimeoutMs: 500, completionTimeoutMs: 5000, pollMs: 50 }, connectionTimeouts: { connectTimeoutMs: 1000, writeTimeoutMs: 2000 } },
    });
    cleanups.push(() => till.close());
    const printer = new EmulatedPrinter();
    const server = await printer.listenTcp(0);
    cleanups.push(() => server.close());
    ok(await till.dispatch('hardware.setPrinter', { profileId: 'epson-tm-t20', connection: { kind: 'tcp', host: '127.0.0.1', port: server.port } }));
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
