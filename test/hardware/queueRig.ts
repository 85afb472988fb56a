import { join } from 'node:path';
import { createPrintQueue, printJobsForSale, type PrintJobView, type PrintQueue, type PrintQueueOptions } from '../../electron/backend/hardware/printQueue.js';
import { writeSettings } from '../../electron/backend/settings.js';
import { printerProfile } from '../../native/printer/profiles.js';
import { EmulatedPrinter } from '../emulators/printer.js';
import { ok, openTestTill, type TestTill } from '../helpers/till.js';
import { tempDir } from '../helpers/tmp.js';
import { HEADER } from './receipts.js';

export { HEADER };

export const PROFILE = (() => {
  const p = printerProfile('epson-tm-t20');
  if (!p) throw new Error('profile missing');
  return p;
})();


export const FAST_TIMEOUTS = { statusTimeoutMs: 500, completionTimeoutMs: 5000, pollMs: 50 };

export interface QueueRig {
  readonly till: TestTill;
  readonly printer: EmulatedPrinter;
  readonly port: number;
  queue: PrintQueue;
  /** Completes a cash sale of `items` scanned products through the till; the receipt job commits with it. */
  sell(items?: number): Promise<{ saleId: string; receiptNo: number }>;
  jobs(saleId: string): PrintJobView[];
  waitForJob(saleId: string, predicate: (jobs: PrintJobView[]) => boolean, timeoutMs?: number): Promise<PrintJobView[]>;
  restartQueue(options?: Partial<PrintQueueOptions>): Promise<void>;
  close(): Promise<void>;
}

export async function openQueueRig(options: Partial<PrintQueueOptions> = {}): Promise<QueueRig> {
  // A Romanian till in Chișinău with the test header, so printed receipts can be compared with receiptForSale(HEADER).
  const file = join(tempDir(), 'till.sqlite');
  const seeded = openTestTill({ file, products: 200, customers: 10 });
  writeSettings(seeded.db, {
    storeName: HEADER.storeName,
    timeZone: 'Europe/Chisinau',
    receipt: { legalName: HEADER.legalName, address: [...HEADER.address], taxId: HEADER.taxId, footer: [...HEADER.footer], eReceiptUrl: HEADER.eReceiptUrl },
  });
  await seeded.close();
  const till = openTestTill({ file, language: 'ro' });
  const printer = new EmulatedPrinter();
  const server = await printer.listenTcp(0);
  const makeQueue = (extra: Partial<PrintQueueOptions>): PrintQueue =>
    createPrintQueue({
      db: till.db,
      printer: () => ({ connection: { kind: 'tcp', host: '127.0.0.1', port: server.port }, profile: PROFILE }),
      timeouts: FAST_TIMEOUTS,
      connectionTimeouts: { connectTimeoutMs: 1000, writeTimeoutMs: 2000 },
      retryDelayMs: 100,
      ...options,
      ...extra,
    });
  const codes = (
    till.db.prepare(`SELECT b.code FROM barcodes b JOIN products p USING (sku) WHERE p.sold_by = 'unit' ORDER BY b.code LIMIT 40`).all() as {
      code: string;
    }[]
  ).map((r) => r.code);
  const rig: QueueRig = {
    till,
    printer,
    port: server.port,
    queue: makeQueue({}),
    async sell(items = 3) {
      let total = 0;
      for (const code of codes.slice(0, items)) {
        total = (ok(await till.dispatch('sale.scan', { code })) as { totals: { total: number } }).totals.total;
      }
      const done = ok(await till.dispatch('sale.payCash', { tenderedMinor: total + 1000 })) as { sale: { id: string; receiptNo: number } };
      rig.queue.kick();
      return { saleId: done.sale.id, receiptNo: done.sale.receiptNo };
    },
    jobs: (saleId) => printJobsForSale(till.db, saleId),
    async waitForJob(saleId, predicate, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const jobs = printJobsForSale(till.db, saleId);
        if (predicate(jobs)) return jobs;
        if (Date.now() > deadline) throw new Error(`print jobs never reached the expected state: ${JSON.stringify(jobs)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async restartQueue(extra = {}) {
      await rig.queue.stop();
      rig.queue = makeQueue(extra);
      rig.queue.start();
    },
    async close() {
      await rig.queue.stop();
      await server.close();
      await till.close();
    },
  };
  return rig;
}
