import { writeSync } from 'node:fs';
import { EmulatedTerminal } from '../../electron/backend/payment/emulator.js';
import type { PaymentTerminal } from '../../electron/backend/payment/terminal.js';
import { must, seededRandom, workerCodes, workerTill } from '../helpers/worker.js';

/**
 * Takes a card on the open sale and gives it back, as fast as it can until it is killed, through
 * an emulated terminal that keeps its journal in `<file>.terminal.jsonl` (it outlives this
 * process). The card holder takes a few milliseconds before the terminal answers and the answer
 * a few more to reach the till, so kills land before the terminal had the reversal and between
 * its approval and the till recording it. A card goes on the sale by paying it all by card while
 * a second product is scanned; each held card is then reversed and the sale paid in cash (`DONE
 * <saleId>`) or cancelled.
 */
const [file, seedText] = process.argv.slice(2) as [string, string];
const random = seededRandom(seedText);
const emulator = new EmulatedTerminal(`${file}.terminal.jsonl`);
emulator.behaviour = { kind: 'approve' };
const pause = () => new Promise((r) => setTimeout(r, Math.floor(random() * 12)));
const slowly =
  <R>(operation: (request: R) => ReturnType<PaymentTerminal['charge']>) =>
  async (request: R) => {
    await pause();
    const outcome = await operation(request);
    await pause();
    return outcome;
  };
const terminal: PaymentTerminal = {
  charge: slowly((r) => emulator.charge(r)),
  refund: slowly((r) => emulator.refund(r)),
  cancel: () => emulator.cancel(),
  lastTransaction: () => emulator.lastTransaction(),
};

const till = workerTill(file, terminal);
await till.terminalSettled;
const codes = workerCodes(till);
const code = () => codes[Math.floor(random() * codes.length)] as string;

type Sale = { id: string; totals: { total: number } };
type Held = { held: { attemptId: string; amount: number }[] };
const held = async () => (must(await till.dispatch('payment.state', {})) as Held).held;

writeSync(1, 'READY\n');
for (;;) {
  const open = (must(await till.dispatch('sale.current', {})) as Sale | null) ?? (must(await till.dispatch('sale.scan', { code: code() })) as Sale);
  if ((await held()).length === 0) {
    const paying = till.dispatch('payment.pay', { cardMinor: open.totals.total, cashTenderedMinor: 0 });
    must(await till.dispatch('sale.scan', { code: code() }));
    const paid = await paying;
    if (paid.ok) {
      writeSync(1, `DONE ${(paid.value as { sale: Sale }).sale.id}\n`);
      continue;
    }
  }
  for (const card of await held()) must(await till.dispatch('payment.reverse', { attemptId: card.attemptId }));
  if (random() < 0.3) {
    must(await till.dispatch('sale.cancel', {}));
    continue;
  }
  const sale = must(await till.dispatch('sale.current', {})) as Sale;
  const done = must(await till.dispatch('payment.pay', { cardMinor: 0, cashTenderedMinor: sale.totals.total })) as { sale: Sale };
  writeSync(1, `DONE ${done.sale.id}\n`);
}
