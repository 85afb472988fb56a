import { writeFileSync, writeSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { TOKEN_FILE } from '../../electron/backend/sync/tokenStore.js';
import { finishOpenSale, must, seededRandom, workerTill } from '../helpers/worker.js';

/**
 * Gives vouchers back as fast as it can until it is killed: returns goods without a receipt for
 * store credit, takes part of that voucher on a sale, then removes it (and pays the sale in cash)
 * or cancels the sale. Central is a server that cannot serve (503): a spend is taken offline at
 * once, and a give-back waits 20–60 ms for its answer before the till gives its own
 * voucher back here, so kills land between the give-back's start and its end. Writes
 * `DONE back:<spendId>` for each give-back it was told of and `DONE sale:<saleId>` for each sale paid.
 */
const [file, seedText] = process.argv.slice(2) as [string, string];
const random = seededRandom(seedText);

const central = createServer((req, res) => {
  const answer = () => res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":{"code":"UNAVAILABLE","message":"down"}}');
  if (req.url?.endsWith('/vouchers/return')) setTimeout(answer, 20 + Math.floor(random() * 40));
  else answer();
});
await new Promise<void>((resolve) => central.listen(0, '127.0.0.1', resolve));
writeFileSync(join(dirname(file), TOKEN_FILE), 'worker-token');

const till = workerTill(file);
till.db.prepare(`UPDATE sync_state SET central_url = ? WHERE id = 1`).run(`http://127.0.0.1:${(central.address() as AddressInfo).port}`);
const skus = till.db
  .prepare(`SELECT p.sku FROM products p JOIN store_prices sp USING (sku) WHERE p.sold_by = 'unit' AND sp.price_minor BETWEEN 100 AND 10000 LIMIT 100`)
  .pluck()
  .all() as string[];
const sku = () => skus[Math.floor(random() * skus.length)] as string;
type Held = { spendId: string };

// The process's first HTTP request is slow (the client warms up): made before READY, so kills land in the work, not in that.
await till.sync.postToCentral('/v1/till/vouchers/redeem', {}, 1000);
writeSync(1, 'READY\n');
// A sale the kill left open is cancelled: a voucher on it is given back first.
await finishOpenSale(till);
for (;;) {
  const back = must(await till.dispatch('return.noReceipt', { lines: [{ sku: sku(), quantity: 1 }], method: 'storeCredit' })) as { voucherCode: string; refund: number };
  must(await till.dispatch('sale.addProduct', { sku: sku() }));
  must(await till.dispatch('sale.addProduct', { sku: sku() }));
  const sale = must(await till.dispatch('sale.current', {})) as { totals: { total: number } };
  const part = 1 + Math.floor(random() * Math.min(back.refund, sale.totals.total));
  const spend = must(await till.dispatch('voucher.apply', { code: back.voucherCode, amountMinor: part })) as Held;
  if (random() < 0.5) {
    must(await till.dispatch('sale.cancel', {}));
    writeSync(1, `DONE back:${spend.spendId}\n`);
    continue;
  }
  must(await till.dispatch('voucher.remove', { spendId: spend.spendId }));
  writeSync(1, `DONE back:${spend.spendId}\n`);
  const paid = must(await till.dispatch('sale.payCash', { tenderedMinor: sale.totals.total })) as { sale: { id: string } };
  writeSync(1, `DONE sale:${paid.sale.id}\n`);
}
