import { writeSync } from 'node:fs';
import { EmulatedTerminal } from '../../electron/backend/payment/emulator.js';
import type { PaymentTerminal } from '../../electron/backend/payment/terminal.js';
import { must, seededRandom, workerCodes, workerTill } from '../helpers/worker.js';

/**
 * Takes a card on a sale and cancels the sale with the card given back in one step, as fast as
 * it can until it is killed, through an emulated terminal that keeps its journal in
 * `<file>.terminal.jsonl` (it outlives this process). The terminal takes a few milliseconds before
 * it answers, and a refund's answer longer to reach the till, so kills land before the terminal
 * had the reversal and, most often, between its approval and the till recording it. A card goes
 * on the sale by paying it all by card while a second product is scanned; the sale is then
 * cancelled with the card total (`DONE <saleId>`). A sale a kill left open is cancelled the same
 * way when a card is held on it, else paid in cash.
 */
const [file, seedText] = process.argv.slice(2) as [string, string];
const random = seededRandom(seedText);
const emulator = new EmulatedTerminal(`${file}.terminal.jsonl`);
emulator.behaviour = { kind: 'approve' };
const pause = (ms: number) => new Promise((r) => setTimeout(r, Math.floor(random() * ms)));
const slowly =
  <R>(operation: (request: R) => ReturnType<PaymentTerminal['charge']>, after: number) =>
  async (request: R) => {
    await pause(12);
    const outcome = await operation(request);
    await pause(after);
    return outcome;
  };
const terminal: PaymentTerminal = {
  charge: slowly((r) => emulator.charge(r), 12),
  refund: slowly((r) => emulator.refund(r), 40),
  cancel: () => emulator.cancel(),
  lastTransaction: () => emulator.lastTransaction(),
};

const till = workerTill(file, terminal);
await till.terminalSettled;
const codes = workerCodes(till);
const code = () => codes[Math.floor(random() * codes.length)] as string;

type Sale = { id: string; totals: { total: number } };
type Held = { held: { attemptId: string; amount: number }[] };
const onCard = async () => (must(await till.dispatch('payment.state', {})) as Held).held.reduce((sum, c) => sum + c.amount, 0);

async function cancelWithCards(sale: Sale, cardsMinor: number): Promise<void> {
  must(await till.dispatch('sale.cancel', { cardsMinor }));
  writeSync(1, `DONE ${sale.id}\n`);
}

writeSync(1, 'READY\n');
for (;;) {
  const left = must(await till.dispatch('sale.current', {})) as Sale | null;
  if (left) {
    const cards = await onCard();
    if (cards > 0) await cancelWithCards(left, cards);
    else must(await till.dispatch('payment.pay', { cardMinor: 0, cashTenderedMinor: left.totals.total }));
    continue;
  }
  const open = must(await till.dispatch('sale.scan', { code: code() })) as Sale;
  const paying = till.dispatch('payment.pay', { cardMinor: open.totals.total, cashTenderedMinor: 0 });
  must(await till.dispatch('sale.scan', { code: code() }));
  if ((await paying).ok) continue;
  await cancelWithCards(open, await onCard());
}
