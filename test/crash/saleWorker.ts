import { writeSync } from 'node:fs';
import { startTill } from '../../electron/backend/till.js';
import { must, seededRandom } from '../helpers/worker.js';

/**
 * Sells as fast as it can until it is killed. After each completed sale it writes
 * `DONE <saleId>` to stdout: the parent treats that as the till telling the cashier "done",
 * so that sale must survive whatever happens next.
 */
const [file, seedText] = process.argv.slice(2) as [string, string];
const random = seededRandom(seedText);

const till = startTill({ databaseFile: file, language: 'en', log: { error: (d) => console.error(d) } });
const codes = (till.db.prepare(`SELECT b.code FROM barcodes b JOIN products p USING (sku) WHERE p.sold_by = 'unit' LIMIT 200`).all() as { code: string }[]).map((r) => r.code);

writeSync(1, 'READY\n');
for (;;) {
  const lines = 1 + Math.floor(random() * 5);
  for (let i = 0; i < lines; i++) must(await till.dispatch('sale.scan', { code: codes[Math.floor(random() * codes.length)] as string }));
  const sale = must(await till.dispatch('sale.current', {})) as { totals: { total: number } };
  const done = must(await till.dispatch('sale.payCash', { tenderedMinor: sale.totals.total + Math.floor(random() * 5000) })) as { sale: { id: string } };
  writeSync(1, `DONE ${done.sale.id}\n`);
}
