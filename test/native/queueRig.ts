import { join } from 'node:path';
import type { ReceiptLanguage } from '../../core/receipt/model.js';
import { createPrintQueue, enqueueReceipt, printJobsForSale, type PrintJobView, type PrintQueue, type PrintQueueOptions } from '../../electron/backend/printQueue.js';
import { receiptForSale } from '../../electron/backend/receiptForSale.js';
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
  /** Completes a cash sale of `items` scanned products; the receipt job commits with it. */
  sell(items?: number, language?: ReceiptLanguage): { saleId: string; receiptNo: number };
  jobs(saleId: string): PrintJobView[];
  waitForJob(saleId: string, predicate: (jobs: PrintJobView[]) => boolean, timeoutMs?: number): Promise<PrintJobView[]>;
  restartQueue(options?: Partial<PrintQueueOptions>): Promise<void>;
  close(): Promise<void>;
}

export async function openQueueRig(options: Partial<PrintQueueOptions> = {}): Promise<QueueRig> {
  const till = openTestTill({ file: join(tempDir(), 'till.sqlite'), products: 200, customers: 10 });
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
    sell(items = 3, language = 'ro') {
      const result = till.db.transaction(() => {
        let total = 0;
        for (const code of codes.slice(0, items)) {
          total = (ok(till.dispatch('sale.scan', { code })) as { totals: { total: number } }).totals.total;
        }
        const done = ok(till.dispatch('sale.payCash', { tenderedMinor: total + 1000 })) as { sale: { id: string; receiptNo: number } };
        enqueueReceipt(till.db, receiptForSale(till.db, done.sale.id, { header: HEADER, language, timeZone: 'Europe/Chisinau' }));
        return { saleId: done.sale.id, receiptNo: done.sale.receiptNo };
      })();
      rig.queue.kick();
      return result;
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
      till.close();
    },
  };
  return rig;
}
