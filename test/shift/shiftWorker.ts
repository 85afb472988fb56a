import { writeSync } from 'node:fs';
import { finishOpenSale, must, seededRandom, workerCodes, workerTill } from '../helpers/worker.js';

/**
 * Opens shifts, sells and closes them (Z) as fast as it can until it is killed. After each Z it
 * writes `DONE <shiftId>`: the till told the manager "closed", so that close must survive.
 */
const [file, seedText] = process.argv.slice(2) as [string, string];
const random = seededRandom(seedText);

const till = workerTill(file);
const codes = workerCodes(till);

writeSync(1, 'READY\n');
// A sale a kill left open is finished first: a Z is refused while one is open.
await finishOpenSale(till);
for (;;) {
  if (!must(await till.dispatch('shift.current', {}))) must(await till.dispatch('shift.open', { float: { '10000': 1 + Math.floor(random() * 5) } }));
  const sales = Math.floor(random() * 3);
  for (let s = 0; s < sales; s++) {
    must(await till.dispatch('sale.scan', { code: codes[Math.floor(random() * codes.length)] as string }));
    const sale = must(await till.dispatch('sale.current', {})) as { totals: { total: number } };
    must(await till.dispatch('sale.payCash', { tenderedMinor: sale.totals.total }));
  }
  if (random() < 0.5) must(await till.dispatch('shift.cash', { kind: 'in', amountMinor: 100, reason: 'coins' }));
  const z = must(await till.dispatch('shift.close', { counted: { '100': Math.floor(random() * 9) } })) as { shiftId: string };
  writeSync(1, `DONE ${z.shiftId}\n`);
}
