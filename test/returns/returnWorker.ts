import { writeSync } from 'node:fs';
import { finishOpenSale, must, seededRandom, workerCodes, workerTill } from '../helpers/worker.js';

/**
 * Sells and returns (one unit of one line, cash) as fast as it can until it is killed. After each
 * return it writes `DONE <returnId>`: the customer was told "refunded", so that return must survive.
 */
const [file, seedText] = process.argv.slice(2) as [string, string];
const random = seededRandom(seedText);

const till = workerTill(file);
const codes = workerCodes(till);

writeSync(1, 'READY\n');
await finishOpenSale(till);
if (!must(await till.dispatch('shift.current', {}))) must(await till.dispatch('shift.open', { float: { '10000': 5 } }));
for (;;) {
  const count = 1 + Math.floor(random() * 3);
  for (let i = 0; i < count; i++) must(await till.dispatch('sale.scan', { code: codes[Math.floor(random() * codes.length)] as string }));
  const sale = must(await till.dispatch('sale.current', {})) as { totals: { total: number } };
  const paid = must(await till.dispatch('sale.payCash', { tenderedMinor: sale.totals.total })) as { sale: { receiptNo: number } };
  const found = must(await till.dispatch('return.find', { query: String(paid.sale.receiptNo) })) as { saleId: string; lines: { lineId: string }[] };
  const line = found.lines[Math.floor(random() * found.lines.length)]!;
  const back = must(await till.dispatch('return.commit', { saleId: found.saleId, lines: [{ lineId: line.lineId, quantity: 1 }], method: 'cash' })) as { returnId: string };
  writeSync(1, `DONE ${back.returnId}\n`);
}
