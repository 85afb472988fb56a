import { writeSync } from 'node:fs';
import { EmulatedTerminal } from '../../electron/backend/payment/emulator.js';
import type { PaymentTerminal } from '../../electron/backend/payment/terminal.js';
import { must, seededRandom, workerCodes, workerTill } from '../helpers/worker.js';

/**
 * Sells by card and returns one unit of one line to the card (the terminal takes a few
 * milliseconds to answer each) as fast as it can until it is killed. After each return it
 * writes `DONE <returnId>`: the customer was told "refunded to your card", so it must survive.
 */
const [file, seedText] = process.argv.slice(2) as [string, string];
const random = seededRandom(seedText);
const emulator = new EmulatedTerminal();
emulator.behaviour = { kind: 'approve' };
const slowly = () => new Promise((r) => setTimeout(r, Math.floor(random() * 15)));
const terminal: PaymentTerminal = {
  charge: async (request) => {
    await slowly();
    return emulator.charge(request);
  },
  refund: async (request) => {
    await slowly();
    return emulator.refund(request);
  },
  cancel: () => emulator.cancel(),
  lastTransaction: () => emulator.lastTransaction(),
};

const till = workerTill(file, terminal);
const codes = workerCodes(till);

writeSync(1, 'READY\n');
for (;;) {
  let sale = must(await till.dispatch('sale.current', {})) as { totals: { total: number } } | null;
  const count = sale ? 0 : 1 + Math.floor(random() * 3);
  for (let i = 0; i < count; i++) sale = must(await till.dispatch('sale.scan', { code: codes[Math.floor(random() * codes.length)] as string })) as { totals: { total: number } };
  const held = (must(await till.dispatch('payment.state', {})) as { held: { amount: number }[] }).held.reduce((s, h) => s + h.amount, 0);
  const paid = must(await till.dispatch('payment.pay', { cardMinor: sale!.totals.total - held, cashTenderedMinor: 0 })) as { sale: { receiptNo: number } };
  const found = must(await till.dispatch('return.find', { query: String(paid.sale.receiptNo) })) as { saleId: string; lines: { lineId: string }[] };
  const line = found.lines[Math.floor(random() * found.lines.length)]!;
  const back = must(await till.dispatch('return.commit', { saleId: found.saleId, lines: [{ lineId: line.lineId, quantity: 1 }], method: 'card' })) as { returnId: string };
  writeSync(1, `DONE ${back.returnId}\n`);
}
