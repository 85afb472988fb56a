import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTill } from '../electron/backend/till.js';
import { encodeReceipt } from '../native/printer/encode.js';
import { printerProfile } from '../native/printer/profiles.js';
import { EmulatedPrinter } from '../test/emulators/printer.js';
import { sampleReceipt } from '../test/hardware/receipts.js';
import { percentile, round, type Figure } from './figures.js';

export const figures = ['receipt_encode', 'receipt_encode_p99', 'print_end_to_end', 'print_end_to_end_p95'];

const ENCODES = 2000;
const SALES = 40;

function encodeFigures(): Figure[] {
  const profile = printerProfile('epson-tm-t20');
  if (!profile) throw new Error('profile missing');
  const receipts = (['ru', 'ro', 'en', 'uk'] as const).map((language) => sampleReceipt(language, { lines: 30 }));
  for (let i = 0; i < 1000; i++) encodeReceipt(receipts[i % receipts.length]!, profile);
  const samples: number[] = [];
  for (let i = 0; i < ENCODES; i++) {
    const receipt = receipts[i % receipts.length]!;
    const started = performance.now();
    encodeReceipt(receipt, profile);
    samples.push(performance.now() - started);
  }
  const note = `30-line receipt, ru/ro/en/uk in turn, Epson TM-T20 48 columns, ${ENCODES} runs`;
  return [
    { name: 'receipt_encode', value: round(percentile(samples, 50)), unit: 'ms', target: 2, better: 'lower', note: `median; ${note}` },
    { name: 'receipt_encode_p99', value: round(percentile(samples, 99)), unit: 'ms', target: 2, better: 'lower', note },
  ];
}

/** A real till file and a real print queue, printing over loopback TCP into the emulator. */
async function endToEndFigures(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'omnitill-bench-print-'));
  const till = startTill({
    databaseFile: join(dir, 'till.sqlite'),
    language: 'ro',
    demo: { products: 500, customers: 10 },
    log: { error: () => undefined },
    printQueue: { timeouts: { statusTimeoutMs: 1000, completionTimeoutMs: 5000, pollMs: 20 } },
  });
  const printer = new EmulatedPrinter();
  const server = await printer.listenTcp(0);
  till.hardware.setPrinter({ profileId: 'epson-tm-t20', connection: { kind: 'tcp', host: '127.0.0.1', port: server.port } });
  const codes = (
    till.db.prepare(`SELECT b.code FROM barcodes b JOIN products p USING (sku) WHERE p.sold_by = 'unit' ORDER BY b.code LIMIT 200`).all() as { code: string }[]
  ).map((r) => r.code);
  const samples: number[] = [];
  try {
    for (let sale = 0; sale < SALES; sale++) {
      let total = 0;
      for (let i = 0; i < 5; i++) {
        const result = await till.dispatch('sale.scan', { code: codes[(sale * 5 + i) % codes.length] as string });
        if (!result.ok) throw new Error(result.error.message);
        total = (result.value as { totals: { total: number } }).totals.total;
      }
      const printed = printer.receipts.length;
      const started = performance.now();
      const done = await till.dispatch('sale.payCash', { tenderedMinor: total });
      if (!done.ok) throw new Error(done.error.message);
      await printer.waitFor((p) => p.receipts.length > printed);
      samples.push(performance.now() - started);
    }
  } finally {
    await till.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const note = `sale commit (with its print job) → cut byte decoded by the TCP emulator; status before and GS r after; ${SALES} cash sales of 5 items`;
  return [
    { name: 'print_end_to_end', value: round(percentile(samples, 50), 1), unit: 'ms', target: 250, better: 'lower', note: `median; ${note}` },
    { name: 'print_end_to_end_p95', value: round(percentile(samples, 95), 1), unit: 'ms', target: 250, better: 'lower', note },
  ];
}

export default async function run(): Promise<Figure[]> {
  return [...encodeFigures(), ...(await endToEndFigures())];
}
