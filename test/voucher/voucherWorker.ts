import { writeSync } from 'node:fs';
import { finishOpenSale, must, seededRandom, workerTill } from '../helpers/worker.js';

/**
 * Returns goods without a receipt for store credit, then pays a sale partly with that voucher
 * (offline: this till issued it), as fast as it can until it is killed. After each sale it writes
 * `DONE <saleId>`: the customer was told "paid", so that sale and its voucher payment must survive.
 */
const [file, seedText] = process.argv.slice(2) as [string, string];
const random = seededRandom(seedText);

const till = workerTill(file);
const skus = till.db
  .prepare(`SELECT p.sku FROM products p JOIN store_prices sp USING (sku) WHERE p.sold_by = 'unit' AND sp.price_minor BETWEEN 100 AND 10000 LIMIT 100`)
  .pluck()
  .all() as string[];

writeSync(1, 'READY\n');
// A sale the kill left open is cancelled: a voucher on it is given back first (this till's own).
await finishOpenSale(till);
for (;;) {
  const sku = skus[Math.floor(random() * skus.length)] as string;
  const back = must(await till.dispatch('return.noReceipt', { lines: [{ sku, quantity: 1 }], method: 'storeCredit' })) as { voucherCode: string; refund: number };
  must(await till.dispatch('sale.addProduct', { sku }));
  must(await till.dispatch('sale.addProduct', { sku: skus[Math.floor(random() * skus.length)] as string }));
  const sale = must(await till.dispatch('sale.current', {})) as { totals: { total: number } };
  const part = 1 + Math.floor(random() * back.refund);
  must(await till.dispatch('voucher.apply', { code: back.voucherCode, amountMinor: part }));
  const paid = must(await till.dispatch('sale.payCash', { tenderedMinor: sale.totals.total - part })) as { sale: { id: string } };
  writeSync(1, `DONE ${paid.sale.id}\n`);
}
