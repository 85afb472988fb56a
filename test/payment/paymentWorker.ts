import { writeSync } from 'node:fs';
import { EmulatedTerminal } from '../../electron/backend/payment/emulator.js';
import type { PaymentTerminal } from '../../electron/backend/payment/terminal.js';
import { must, seededRandom, workerCodes, workerTill } from '../helpers/worker.js';

/**
 * Sells with split payments (card through a terminal that takes a few milliseconds, then
 * cash) as fast as it can until it is killed. After each completed sale it writes
 * `DONE <saleId>`: the till told the cashier "paid", so that sale must survive.
 */
const [file, seedText] = process.argv.slice(2) as [string, string];
const random = seededRandom(seedText);
const emulator = new EmulatedTerminal();
emulator.behaviour = { kind: 'approve' };
const terminal: PaymentTerminal = {
  charge: async (request) => {
    await new Promise((r) => setTimeout(r, Math.floor(random() * 15)));
    return emulator.charge(request);
  },
  refund: (request) => emulator.refund(request),
  cancel: () => emulator.cancel(),
  lastTransaction: () => emulator.lastTransaction(),
};

const till = workerTill(file, terminal);
const codes = workerCodes(till);

type Sale = { id: string; totals: { total: number } };
type Held = { held: { amount: number }[] };

writeSync(1, 'READY\n');
for (;;) {
  let sale = must(await till.dispatch('sale.current', {})) as Sale | null;
  if (!sale || random() < 0.7) sale = must(await till.dispatch('sale.scan', { code: codes[Math.floor(random() * codes.length)] as string })) as Sale;
  // A sale a kill left with a card approval on it: the cash pays the rest.
  const held = (must(await till.dispatch('payment.state', {})) as Held).held.reduce((s, h) => s + h.amount, 0);
  const remainder = sale.totals.total - held;
  const card = held > 0 ? 0 : Math.floor(remainder * random());
  const done = must(await till.dispatch('payment.pay', { cardMinor: card, cashTenderedMinor: remainder - card + Math.floor(random() * 500) })) as { sale: Sale };
  writeSync(1, `DONE ${done.sale.id}\n`);
}
