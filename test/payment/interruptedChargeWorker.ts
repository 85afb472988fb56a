import { writeSync } from 'node:fs';
import { EmulatedTerminal } from '../../electron/backend/payment/emulator.js';
import type { PaymentTerminal } from '../../electron/backend/payment/terminal.js';
import { must, seededRandom, workerCodes, workerTill } from '../helpers/worker.js';

/**
 * Sells by card as fast as it can until it is killed, through an emulated terminal that keeps
 * its journal in `<file>.terminal.jsonl` (it outlives this process, as a terminal beside the
 * till does). The card holder takes a few milliseconds before the terminal answers and the
 * answer takes a few more to reach the till, so kills land before the terminal had the charge,
 * and between its approval and the till recording it. At start-up the till settles what the
 * last kill cut off from the journal. After each completed sale it writes `DONE <saleId>`.
 */
const [file, seedText] = process.argv.slice(2) as [string, string];
const random = seededRandom(seedText);
const emulator = new EmulatedTerminal(`${file}.terminal.jsonl`);
emulator.behaviour = { kind: 'approve' };
const pause = () => new Promise((r) => setTimeout(r, Math.floor(random() * 12)));
const terminal: PaymentTerminal = {
  charge: async (request) => {
    await pause();
    const outcome = await emulator.charge(request);
    await pause();
    return outcome;
  },
  refund: (request) => emulator.refund(request),
  cancel: () => emulator.cancel(),
  lastTransaction: () => emulator.lastTransaction(),
};

const till = workerTill(file, terminal);
await till.terminalSettled;
const codes = workerCodes(till);

type Sale = { id: string; totals: { total: number } };
type Held = { held: { amount: number }[] };

writeSync(1, 'READY\n');
for (;;) {
  const sale = (must(await till.dispatch('sale.current', {})) as Sale | null) ?? (must(await till.dispatch('sale.scan', { code: codes[Math.floor(random() * codes.length)] as string })) as Sale);
  // A sale a kill left with a card approval the start-up settled: the card pays what is held, the rest by card again.
  const held = (must(await till.dispatch('payment.state', {})) as Held).held.reduce((s, h) => s + h.amount, 0);
  const done = must(await till.dispatch('payment.pay', { cardMinor: sale.totals.total - held, cashTenderedMinor: 0 })) as { sale: Sale };
  writeSync(1, `DONE ${done.sale.id}\n`);
}
