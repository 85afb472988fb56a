import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TillEvent, TillEventEntry } from '../../core/hardware/hardware.js';
import { poleLines } from '../../core/hardware/poleDisplay.js';
import { catalogues, type Language } from '../../core/i18n/index.js';
import type { NoSaleView } from '../../core/adjust/contract.js';
import type { ShiftReport } from '../../core/shift/report.js';
import type { CompletedSaleView, SaleView } from '../../core/sale/contract.js';
import type { EventPage } from '../../core/rpc/till.js';
import { startTill, type Till } from '../../electron/backend/till.js';
import { displayCanPrint } from '../../native/display/poleDisplay.js';
import { EmulatedPoleDisplay } from '../emulators/poleDisplay.js';
import { EmulatedPrinter } from '../emulators/printer.js';
import { createPtyPair, type PtyPair } from '../emulators/pty.js';
import { EmulatedScanner } from '../emulators/scanner.js';
import { errorCode, ok, openTestTill, silentLog } from '../helpers/till.js';
import { tempDir } from '../helpers/tmp.js';

/**
 * The hardware RPC methods through `till.dispatch`, as the screens call them: a real SQLite
 * file, the ESC/POS emulator on TCP, and socat PTYs for the serial scanner and pole display.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Rig {
  till: Till;
  dir: string;
  codes: { code: string; name: string }[];
  events(): TillEventEntry[];
}

/** A seeded English till with its print queue on fast timeouts; a failed job waits for staff (long retry). */
async function openRig(options: { retryDelayMs?: number; devRoot?: string; language?: Language } = {}): Promise<Rig> {
  const dir = tempDir();
  const file = join(dir, 'till.sqlite');
  await openTestTill({ file, products: 200, customers: 10 }).close();
  const till = startTill({
    databaseFile: file,
    language: options.language ?? 'en',
    log: silentLog,
    devRoot: options.devRoot,
    printQueue: {
      timeouts: { statusTimeoutMs: 500, completionTimeoutMs: 5000, pollMs: 50 },
      connectionTimeouts: { connectTimeoutMs: 1000, writeTimeoutMs: 2000 },
      retryDelayMs: options.retryDelayMs ?? 60_000,
    },
    devices: { retryMs: 150, idleAfterMs: 300 },
  });
  cleanups.push(() => till.close());
  const codes = till.db
    .prepare(
      `SELECT b.code, p.name_en AS name FROM barcodes b JOIN products p USING (sku) JOIN store_prices sp USING (sku)
       WHERE p.sold_by = 'unit' AND length(b.code) = 13 AND substr(b.code, 1, 1) <> '2' AND sp.price_minor > 0
       GROUP BY p.sku ORDER BY b.code LIMIT 10`,
    )
    .all() as { code: string; name: string }[];
  const all: TillEventEntry[] = [];
  till.events.subscribe((e) => all.push(e));
  return { till, dir, codes, events: () => all };
}

async function printerOn(rig: Rig): Promise<EmulatedPrinter> {
  const printer = new EmulatedPrinter();
  const server = await printer.listenTcp(0);
  cleanups.push(() => server.close());
  ok(await rig.till.dispatch('hardware.setPrinter', { profileId: 'epson-tm-t20', connection: { kind: 'tcp', host: '127.0.0.1', port: server.port } }));
  return printer;
}

async function until<T>(what: string, fn: () => T | Promise<T>, timeoutMs = 5000): Promise<Exclude<T, null | undefined | false>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value as Exclude<T, null | undefined | false>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const ofType = <T extends TillEvent['type']>(rig: Rig, type: T) =>
  rig.events().map((e) => e.event).filter((e): e is Extract<TillEvent, { type: T }> => e.type === type);

async function sell(rig: Rig, codes: string[]): Promise<CompletedSaleView> {
  let view: SaleView | null = null;
  for (const code of codes) view = ok(await rig.till.dispatch('sale.scan', { code })) as SaleView;
  return ok(await rig.till.dispatch('sale.payCash', { tenderedMinor: (view as SaleView).totals.total + 5000 })) as CompletedSaleView;
}

describe('hardware RPC: printer and print jobs', () => {
  it('sets the printer up, asks its status, prints a test receipt, a sale, a copy, and retries a failed job', async () => {
    const devRoot = tempDir();
    writeFileSync(join(devRoot, 'ttyUSB0'), '');
    mkdirSync(join(devRoot, 'usb'));
    writeFileSync(join(devRoot, 'usb', 'lp0'), '');
    const rig = await openRig({ devRoot });
    const { till } = rig;

    // Nothing set up yet: clear errors, not crashes.
    expect(ok(await till.dispatch('hardware.printer', {}))).toBeNull();
    expect(errorCode(await till.dispatch('hardware.printerStatus', {}))).toBe('PRINTER_NOT_CONFIGURED');
    expect(errorCode(await till.dispatch('hardware.testPrint', {}))).toBe('PRINTER_NOT_CONFIGURED');
    const profiles = ok(await till.dispatch('hardware.profiles', {})) as { id: string }[];
    expect(profiles.map((p) => p.id)).toContain('epson-tm-t20');
    const devices = ok(await till.dispatch('hardware.devices', {})) as { path: string; kind: string }[];
    expect(devices).toEqual([
      expect.objectContaining({ path: join(devRoot, 'ttyUSB0'), kind: 'serial' }),
      expect.objectContaining({ path: join(devRoot, 'usb', 'lp0'), kind: 'usb-printer' }),
    ]);

    // Bad settings are refused by the contract or the backend.
    expect(errorCode(await till.dispatch('hardware.setPrinter', { profileId: 'epson-tm-t20', connection: { kind: 'tcp', host: '', port: 9100 } }))).toBe(
      'INPUT_INVALID',
    );
    expect(errorCode(await till.dispatch('hardware.setPrinter', { profileId: 'nope', connection: { kind: 'tcp', host: 'x', port: 9100 } }))).toBe(
      'INPUT_INVALID',
    );

    const printer = await printerOn(rig);
    expect(ok(await till.dispatch('hardware.printer', {}))).toMatchObject({ profileId: 'epson-tm-t20', connection: { kind: 'tcp' } });
    expect(ok(await till.dispatch('hardware.printerStatus', {}))).toEqual({
      online: true,
      coverOpen: false,
      paperOut: false,
      paperNearEnd: false,
      error: false,
    });
    printer.paperNearEnd = true;
    expect(ok(await till.dispatch('hardware.printerStatus', {}))).toMatchObject({ paperNearEnd: true });
    printer.paperNearEnd = false;
    expect(ofType(rig, 'printer.status').some((e) => e.status.paperNearEnd)).toBe(true);

    // Test print: a receipt on paper, no drawer, and the job's progress on the event stream.
    const test = ok(await till.dispatch('hardware.testPrint', {})) as { jobId: string };
    await printer.waitFor((p) => p.receipts.length === 1);
    expect(printer.receipts[0]!.drawerPulses).toBe(0);
    await until('test job done', () => ofType(rig, 'print.job').some((e) => e.job.id === test.jobId && e.job.state === 'done'));

    // A cash sale prints its receipt and opens the drawer once; a reprint is a COPY without the drawer.
    const sale = await sell(rig, [rig.codes[0]!.code, rig.codes[1]!.code]);
    await printer.waitFor((p) => p.receipts.length === 2);
    expect(printer.receipts[1]!.drawerPulses).toBe(1);
    expect(printer.receipts[1]!.lines.join('\n')).toContain(rig.codes[0]!.name.slice(0, 10));
    ok(await till.dispatch('print.reprint', { saleId: sale.sale.id }));
    await printer.waitFor((p) => p.receipts.length === 3);
    expect(printer.receipts[2]!.lines[0]?.trim()).toBe('*** COPY ***');
    expect(printer.receipts[2]!.drawerPulses).toBe(0);
    expect(errorCode(await till.dispatch('print.reprint', { saleId: 'NO-SUCH-SALE' }))).toBe('PRINT_JOB_NOT_FOUND');
    await until('queue empty', async () => (ok(await till.dispatch('print.jobs', {})) as unknown[]).length === 0);

    // Paper out: the next sale stands, its receipt is a failed job with the reason, staff retry it.
    printer.setFault('paper-out');
    const second = await sell(rig, [rig.codes[2]!.code]);
    const failed = await until('failed job', async () =>
      (ok(await till.dispatch('print.jobs', {})) as { id: string; saleId: string; state: string; errorCode: string }[]).find(
        (j) => j.saleId === second.sale.id && j.state === 'failed',
      ),
    );
    expect(failed.errorCode).toBe('PRINTER_PAPER_OUT');
    expect(ofType(rig, 'print.job').some((e) => e.job.id === failed.id && e.job.errorCode === 'PRINTER_PAPER_OUT')).toBe(true);
    expect(ofType(rig, 'printer.status').at(-1)?.status.paperOut).toBe(true);
    printer.setFault('none');
    const retried = ok(await till.dispatch('print.retry', { jobId: failed.id })) as { state: string };
    expect(['pending', 'printing', 'done']).toContain(retried.state);
    await printer.waitFor((p) => p.receipts.length === 4);
    expect(printer.receipts[3]!.drawerPulses).toBe(1);
    expect(errorCode(await till.dispatch('print.retry', { jobId: failed.id }))).toBe('PRINT_JOB_NOT_FOUND');
  });

  it('till.events pages by sequence number and tells a screen from another boot to reload', async () => {
    const rig = await openRig();
    const first = ok(await rig.till.dispatch('till.events', { after: 0 })) as EventPage;
    ok(await rig.till.dispatch('sale.scan', { code: rig.codes[0]!.code }));
    expect(errorCode(await rig.till.dispatch('sale.scan', { code: '4006381333931' }))).toBeDefined();
    const page = ok(await rig.till.dispatch('till.events', { after: first.seq, boot: first.boot })) as EventPage;
    expect(page.missed).toBe(false);
    expect(page.events.map((e) => e.event.type)).toEqual(['scan.accepted', 'sale.changed', 'scan.rejected']);
    expect(page.events[0]!.event).toMatchObject({ source: 'keyboard', symbology: 'EAN-13', value: rig.codes[0]!.code });
    expect(page.events.map((e) => e.seq)).toEqual([first.seq + 1, first.seq + 2, first.seq + 3]);
    const empty = ok(await rig.till.dispatch('till.events', { after: page.seq, boot: page.boot })) as EventPage;
    expect(empty.events).toEqual([]);
    const other = ok(await rig.till.dispatch('till.events', { after: page.seq, boot: 'ANOTHER-BOOT' })) as EventPage;
    expect(other.missed).toBe(true);
  });

  it('reports TillInfo.timeZone from the settings', async () => {
    const rig = await openRig();
    expect(ok(await rig.till.dispatch('till.info', {}))).toMatchObject({ timeZone: rig.till.settings.timeZone });
  });
});

async function ptyPair(): Promise<PtyPair> {
  const pair = await createPtyPair();
  cleanups.push(() => pair.close());
  return pair;
}

describe('No sale before a shift', () => {
  for (const language of ['en', 'ru', 'ro'] as const) {
    it(`is allowed, audited, and counted by the next shift's X and Z as opened before it, printed and decoded (${language})`, async () => {
      const rig = await openRig({ language });
      const { till } = rig;
      const printer = await printerOn(rig);
      const ui = catalogues[language].ui.shift;
      const printed = async (n: number) => {
        await printer.waitFor((p) => p.receipts.length === n);
        return printer.receipts[n - 1]!.lines.join('\n');
      };

      // Two openings with no shift: each slip says how many wait for the next shift.
      expect(ok(await till.dispatch('drawer.noSale', { reason: 'Float' }))).toMatchObject({ count: 1, beforeShift: true });
      const second = ok(await till.dispatch('drawer.noSale', { reason: '' })) as NoSaleView;
      expect(second).toMatchObject({ count: 2, beforeShift: true });
      expect(await printed(2)).toContain(`${ui.noSalesBeforeShift}: 2`);
      expect(printer.receipts[1]!.drawerPulses).toBe(1);

      // The next shift takes them: its X says so, apart from the openings in it.
      ok(await till.dispatch('shift.open', { float: { '10000': 1 } }));
      expect(ok(await till.dispatch('drawer.noSale', { reason: 'Change' }))).toMatchObject({ count: 1, beforeShift: false });
      const x = ok(await till.dispatch('shift.x', {})) as ShiftReport;
      expect([x.noSales, x.noSalesBeforeShift]).toEqual([1, 2]);
      const xText = await printed(4);
      expect(xText).toMatch(new RegExp(`${ui.noSalesBeforeShift} +2`));
      expect(xText).toMatch(new RegExp(`${ui.noSales} +1`));

      // The Z the same, pushed with them; the shift after counts none of them again.
      const z = ok(await till.dispatch('shift.close', { counted: { '10000': 1 } })) as ShiftReport;
      expect([z.noSales, z.noSalesBeforeShift]).toEqual([1, 2]);
      expect(await printed(5)).toMatch(new RegExp(`${ui.noSalesBeforeShift} +2`));
      const op = JSON.parse(till.db.prepare(`SELECT payload FROM outbox WHERE op_type = 'shift.closed'`).pluck().get() as string) as Record<string, unknown>;
      expect(op).toMatchObject({ noSales: 1, noSalesBeforeShift: 2 });
      ok(await till.dispatch('shift.open', { float: { '10000': 1 } }));
      expect((ok(await till.dispatch('shift.x', {})) as ShiftReport).noSalesBeforeShift).toBe(0);
      expect(await printed(6)).not.toContain(ui.noSalesBeforeShift);

      const audited = till.db.prepare(`SELECT action, details FROM audit_log WHERE action IN ('drawer.no_sale', 'shift.opened') ORDER BY id`).all() as { action: string; details: string }[];
      expect(audited.map((r) => [r.action, JSON.parse(r.details)])).toEqual([
        ['drawer.no_sale', { count: 1, reason: 'Float', beforeShift: true }],
        ['drawer.no_sale', { count: 2, reason: '', beforeShift: true }],
        ['shift.opened', { float: 10_000, drawerOpenedBefore: 2 }],
        ['drawer.no_sale', { count: 1, reason: 'Change' }],
        ['shift.opened', { float: 10_000 }],
      ]);
      expect(printer.decoder.problems).toEqual([]);
    });
  }
});

describe('serial scanner in the sale', () => {
  it('a code from the serial scanner adds a line to the open sale; garbage is rejected on the event stream', async () => {
    const rig = await openRig();
    const pair = await ptyPair();
    const state = ok(
      await rig.till.dispatch('hardware.setScanner', { scanner: { path: pair.tillPath, baudRate: 9600, suffix: 'CR', interCharTimeoutMs: 50 } }),
    ) as { link: { state: string } };
    expect(state.link.state).toBe('connected');
    const scanner = await EmulatedScanner.attach(pair.devicePath);
    cleanups.push(() => scanner.close());

    await scanner.scan(rig.codes[0]!.code, 'CR', { pieces: 3, gapMs: 5 });
    const sale = await until('line from serial scan', async () => {
      const current = ok(await rig.till.dispatch('sale.current', {})) as SaleView | null;
      return current && current.lines.length === 1 ? current : null;
    });
    expect(sale.lines[0]!.names.en).toBe(rig.codes[0]!.name);
    expect(ofType(rig, 'scan.accepted').at(-1)).toMatchObject({ source: 'serial', symbology: 'EAN-13', value: rig.codes[0]!.code });
    expect(ofType(rig, 'sale.changed').at(-1)).toMatchObject({ saleId: sale.id, origin: 'serial' });

    // A GS1 DataMatrix-style element string sells by its GTIN.
    const gtin14 = `0${rig.codes[1]!.code}`;
    await scanner.scan(`]d201${gtin14}10LOT42`, 'CR');
    await until('GS1 line', async () => ((ok(await rig.till.dispatch('sale.current', {})) as SaleView).lines.length === 2));

    // Line noise and an unknown code: rejected with their codes, the sale as it was.
    await scanner.send(Uint8Array.of(0x34, 0x00, 0xff, 0x12, 0x0d));
    await until('garbage rejected', () => ofType(rig, 'scan.rejected').some((e) => e.error.code === 'SCAN_GARBAGE'));
    await scanner.scan('4006381333931', 'CR');
    await until('unknown rejected', () =>
      ofType(rig, 'scan.rejected').some((e) => e.source === 'serial' && ['SCAN_UNKNOWN_BARCODE'].includes(e.error.code)),
    );
    expect((ok(await rig.till.dispatch('sale.current', {})) as SaleView).lines).toHaveLength(2);

    // Turned off: the line is closed.
    expect((ok(await rig.till.dispatch('hardware.setScanner', { scanner: null })) as { link: { state: string } }).link.state).toBe('off');
  });

  it('while a screen takes the scans, a serial code is a scan.read event and not a line; given back, it sells again', async () => {
    const rig = await openRig();
    const pair = await ptyPair();
    ok(await rig.till.dispatch('hardware.setScanner', { scanner: { path: pair.tillPath, baudRate: 9600, suffix: 'CR', interCharTimeoutMs: 50 } }));
    const scanner = await EmulatedScanner.attach(pair.devicePath);
    cleanups.push(() => scanner.close());
    const [a, b] = rig.codes as [{ code: string; name: string }, { code: string; name: string }];
    ok(await rig.till.dispatch('sale.scan', { code: a.code }));

    expect(ok(await rig.till.dispatch('scan.target', { target: 'screen' }))).toEqual({ target: 'screen' });
    // A receipt's QR (AIM-prefixed, as a 2D scanner sends it) and a product: both to the screen, as scanned without the prefix.
    await scanner.scan(']Q1OTR1:01JABCDEFGHJKMNPQRSTVWXYZ0:3F', 'CR');
    await scanner.scan(b.code, 'CR');
    const read = await until('two reads', () => (ofType(rig, 'scan.read').length === 2 ? ofType(rig, 'scan.read') : null));
    expect(read).toEqual([
      { type: 'scan.read', source: 'serial', symbology: '2D', code: 'OTR1:01JABCDEFGHJKMNPQRSTVWXYZ0:3F' },
      { type: 'scan.read', source: 'serial', symbology: 'EAN-13', code: b.code },
    ]);
    expect((ok(await rig.till.dispatch('sale.current', {})) as SaleView).lines).toHaveLength(1);
    expect(ofType(rig, 'sale.changed').filter((e) => e.origin === 'serial')).toEqual([]);

    // The screen closed: the next serial code is a line again.
    ok(await rig.till.dispatch('scan.target', { target: 'sale' }));
    await scanner.scan(b.code, 'CR');
    await until('line from serial scan', async () => (ok(await rig.till.dispatch('sale.current', {})) as SaleView).lines.length === 2);
    expect(ofType(rig, 'scan.read')).toHaveLength(2);

    // Anything else is refused and changes nothing.
    expect(errorCode(await rig.till.dispatch('scan.target', { target: 'return' }))).toBe('INPUT_INVALID');
    ok(await rig.till.dispatch('sale.scan', { code: a.code }));
    await scanner.scan(a.code, 'CR');
    await until('third line', async () => (ok(await rig.till.dispatch('sale.current', {})) as SaleView).lines.reduce((n, l) => n + l.quantity, 0) === 4);
  });

  it('a scanner that is not plugged in is an error state, and it reconnects when it comes back', async () => {
    const rig = await openRig();
    const dir = tempDir();
    const at = { tillPath: join(dir, 'till'), devicePath: join(dir, 'device') };
    const settings = { path: at.tillPath, baudRate: 9600, suffix: 'CR', interCharTimeoutMs: 50 };
    const state = ok(await rig.till.dispatch('hardware.setScanner', { scanner: settings })) as { link: { state: string; error: { code: string } | null } };
    expect(state.link).toMatchObject({ state: 'error', error: { code: 'DEVICE_OPEN_FAILED' } });
    expect(ok(await rig.till.dispatch('hardware.scanner', {}))).toMatchObject({ settings, link: { state: 'error' } });

    // Plugged in: the retry timer opens it.
    let pair = await createPtyPair(at);
    cleanups.push(() => pair.close());
    await until('scanner connected', async () => (ok(await rig.till.dispatch('hardware.scanner', {})) as { link: { state: string } }).link.state === 'connected');
    let scanner = await EmulatedScanner.attach(at.devicePath);
    await scanner.scan(rig.codes[0]!.code);
    await until('first line', async () => (ok(await rig.till.dispatch('sale.current', {})) as SaleView | null)?.lines.length === 1);

    // Unplugged: an error code, selling goes on; plugged back in: it scans again.
    await scanner.close();
    await pair.close();
    await until('scanner lost', async () => (ok(await rig.till.dispatch('hardware.scanner', {})) as { link: { state: string } }).link.state === 'error');
    expect(ok(await rig.till.dispatch('sale.scan', { code: rig.codes[1]!.code }))).toBeTruthy();
    pair = await createPtyPair(at);
    await until('scanner back', async () => (ok(await rig.till.dispatch('hardware.scanner', {})) as { link: { state: string } }).link.state === 'connected');
    scanner = await EmulatedScanner.attach(at.devicePath);
    cleanups.push(() => scanner.close());
    await scanner.scan(rig.codes[2]!.code);
    await until('third line', async () => (ok(await rig.till.dispatch('sale.current', {})) as SaleView | null)?.lines.length === 3);
    expect(ofType(rig, 'device').map((e) => e.link.state)).toEqual(expect.arrayContaining(['error', 'connected']));
  });
});

/** An Epson-set pole display emulated on a PTY, set up on the rig's till and connected. */
async function poleDisplayOn(rig: Rig, codepage: 'cp866' | 'cp437', welcome: [string, string]): Promise<EmulatedPoleDisplay> {
  const pair = await ptyPair();
  const display = new EmulatedPoleDisplay('epson');
  cleanups.push(await display.attachPty(pair.devicePath));
  const settings = { path: pair.tillPath, baudRate: 9600, commandSet: 'epson', codepage, welcome };
  const state = ok(await rig.till.dispatch('hardware.setDisplay', { display: settings })) as { link: { state: string } };
  expect(state.link.state).toBe('connected');
  return display;
}

describe('customer pole display', () => {
  it('shows the welcome text, the scanned line and the total, then total and change, then the welcome again', async () => {
    const rig = await openRig();
    const display = await poleDisplayOn(rig, 'cp866', ['Welcome', 'Добро пожаловать']);
    const lines = (screen: Parameters<typeof poleLines>[0]) => poleLines(screen, 'en', displayCanPrint('cp866'));
    await display.waitFor((s) => s.join('|') === lines({ kind: 'idle', welcome: ['Welcome', 'Добро пожаловать'] }).join('|'));

    const [a, b] = rig.codes as [{ code: string; name: string }, { code: string; name: string }];
    ok(await rig.till.dispatch('sale.scan', { code: a.code }));
    let view = ok(await rig.till.dispatch('sale.scan', { code: b.code })) as SaleView;
    const lineB = view.lines[1]!;
    await display.waitFor(
      (s) => s.join('|') === lines({ kind: 'item', name: lineB.names.en, amount: lineB.lineTotal, total: view.totals.total, currency: view.currency }).join('|'),
    );
    expect(display.screen[0]).toContain(lineB.names.en.slice(0, 8));

    // Quantity 3 of the first line: that line and the new total.
    view = ok(await rig.till.dispatch('sale.setQuantity', { lineId: view.lines[0]!.id, quantity: 3 })) as SaleView;
    const lineA = view.lines[0]!;
    await display.waitFor(
      (s) => s.join('|') === lines({ kind: 'item', name: lineA.names.en, amount: lineA.lineTotal, total: view.totals.total, currency: view.currency }).join('|'),
    );

    const done = ok(await rig.till.dispatch('sale.payCash', { tenderedMinor: view.totals.total + 1234 })) as CompletedSaleView;
    await display.waitFor((s) => s.join('|') === lines({ kind: 'paid', total: done.sale.totals.total, change: 1234, saved: 0, currency: done.sale.currency }).join('|'));
    // idleAfterMs is 300 in this rig
    await display.waitFor((s) => s[0].includes('Welcome'));
    expect(display.problems).toEqual([]);
  });

  it('after a sale with an automatic promotion: the change, and under it what she saved', async () => {
    const rig = await openRig();
    const display = await poleDisplayOn(rig, 'cp437', ['Welcome', '']);
    const a = rig.codes[0]!;
    const sku = rig.till.db.prepare(`SELECT sku FROM barcodes WHERE code = ?`).pluck().get(a.code) as string;
    rig.till.db.prepare(`UPDATE products SET category = 'pole-test' WHERE sku = ?`).run(sku);
    rig.till.db
      .prepare(
        `INSERT INTO campaigns (id, name, channel, code_kind, discount_kind, discount_value, currency, starts_at, ends_at, offline_allowed, offline_cap_per_till, rules)
         VALUES ('pole-auto', 'Ten off', 'store', 'shared', 'percent', 10, NULL, '2026-01-01T00:00:00.000Z', '2099-01-01T00:00:00.000Z', 0, 0, '{"automatic":true,"categories":["pole-test"]}')`,
      )
      .run();
    const view = ok(await rig.till.dispatch('sale.scan', { code: a.code })) as SaleView;
    expect(view.promo.applied.map((p) => p.promotionId)).toEqual(['pole-auto']);
    const saved = Math.round(view.lines[0]!.lineTotal / 10);
    expect(view.totals.discount).toBe(saved);

    ok(await rig.till.dispatch('sale.payCash', { tenderedMinor: view.totals.total + 500 }));
    const amount = (minor: number) => (minor / 100).toFixed(2);
    const expected = ['Change' + amount(500).padStart(14), 'You saved' + amount(saved).padStart(11)];
    await display.waitFor((s) => s[0] === expected[0] && s[1] === expected[1]);
    expect(display.problems).toEqual([]);
  });

  it('a code as it is applied: the campaign named in the till\'s language, with the saving and the new total', async () => {
    const rig = await openRig({ language: 'ru' });
    const display = await poleDisplayOn(rig, 'cp866', ['Добро пожаловать', '']);
    rig.till.db
      .prepare(
        `INSERT INTO campaigns (id, name, names, channel, code_kind, discount_kind, discount_value, currency, starts_at, ends_at, offline_allowed, offline_cap_per_till, rules)
         VALUES ('pole-code', 'Pole ten', '{"ru":"Эфир −10 %","ro":"Live −10 %"}', 'stream', 'shared', 'percent', 10, NULL, '2026-01-01T00:00:00.000Z', '2099-01-01T00:00:00.000Z', 1, 50, '{}')`,
      )
      .run();
    rig.till.db.prepare(`INSERT INTO promo_codes (code, campaign_id, single_use, state, expires_at) VALUES ('POLETEN', 'pole-code', 0, 'issued', NULL)`).run();
    ok(await rig.till.dispatch('sale.scan', { code: rig.codes[0]!.code }));
    const view = ok(await rig.till.dispatch('promo.enterCode', { code: 'POLETEN' })) as SaleView;
    const applied = view.promo.applied[0]!;
    const expected = poleLines({ kind: 'item', name: 'Эфир −10 %', amount: -applied.discount, total: view.totals.total, currency: view.currency }, 'ru', displayCanPrint('cp866'));
    await display.waitFor((s) => s.join('|') === expected.join('|'));
    expect(display.screen[0]).toContain('Эфир');
    expect(display.problems).toEqual([]);
  });

  it('a display that fails never affects the sale', async () => {
    const rig = await openRig();
    const dir = tempDir();
    const state = ok(
      await rig.till.dispatch('hardware.setDisplay', {
        display: { path: join(dir, 'nothing'), baudRate: 9600, commandSet: 'cd5220', codepage: 'cp437', welcome: ['Hello', ''] },
      }),
    ) as { link: { state: string; error: { code: string } | null } };
    expect(state.link).toMatchObject({ state: 'error', error: { code: 'DEVICE_OPEN_FAILED' } });
    const sale = await sell(rig, [rig.codes[0]!.code]);
    expect(sale.sale.status).toBe('completed');
  });
});

