// A till backend that sells and syncs in a loop until it is killed (test/sync/crash.test.ts).
import { startTill } from '../../electron/backend/till.js';

const [file, seedText, barcodesText] = process.argv.slice(2) as [string, string, string];
let seed = Number(seedText);
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const barcodes = barcodesText.split(',');
const till = startTill({
  databaseFile: file,
  language: 'en',
  log: { error: () => undefined },
  printQueue: false,
  sync: { autoStart: false, pageSize: 50, http: { timeoutMs: 2_000, maxBodyBytes: 4 * 1024 * 1024 }, backoff: { baseMs: 5, maxMs: 50, random } },
});
process.stdout.write('READY\n');

for (;;) {
  if (random() < 0.7) {
    const scanned = await till.dispatch('sale.scan', { code: barcodes[Math.floor(random() * barcodes.length)] as string });
    if (scanned.ok) {
      const sale = await till.dispatch('sale.current', {});
      const total = sale.ok ? (sale.value as { totals: { total: number } }).totals.total : 0;
      const paid = await till.dispatch('sale.payCash', { tenderedMinor: total });
      if (paid.ok) process.stdout.write(`DONE ${(paid.value as { sale: { id: string } }).sale.id}\n`);
    }
  }
  await (random() < 0.5 ? till.sync.pullOnce() : till.sync.pushOnce()).catch(() => undefined);
}
