import { appendFileSync } from 'node:fs';
import { newId } from '../../core/ids.js';
import type { TerminalOutcome } from '../../core/payment/terminal.js';
import { EmulatedTerminal } from '../../electron/backend/payment/emulator.js';
import { openTestTill, type TestTill } from '../helpers/till.js';

/**
 * A till killed waiting for the terminal to give a card back, as its files show it: the reversal
 * pending (marked as cancelling its sale when `cancelsSale`), the terminal's journal as `outcome`
 * left it (undefined: the terminal never had it). The till is reopened and has settled.
 */
export async function reopenCutOffReversal(
  was: { till: TestTill; journal: string; card: { attemptId: string; amount: number }; sale: { id: string; currency: string } },
  outcome: TerminalOutcome | null | undefined,
  terminal: ((journal: string) => EmulatedTerminal) | undefined,
  cancelsSale: boolean,
): Promise<{ till: TestTill; reversalId: string }> {
  const { till, journal, card, sale } = was;
  const reversalId = newId();
  till.db
    .prepare(`INSERT INTO card_reversals (id, attempt_id, sale_id, amount_minor, currency, state, started_at, cancels_sale) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)`)
    .run(reversalId, card.attemptId, sale.id, card.amount, sale.currency, new Date().toISOString(), cancelsSale ? 1 : 0);
  if (outcome !== undefined) {
    const entry = { reference: reversalId, type: 'refund', amountMinor: card.amount };
    appendFileSync(journal, `${JSON.stringify({ ...entry, outcome: null })}\n${outcome ? `${JSON.stringify({ ...entry, outcome })}\n` : ''}`);
  }
  await till.close();
  const again = openTestTill({ file: till.file, terminal: terminal ? terminal(journal) : new EmulatedTerminal(journal) });
  await again.terminalSettled;
  return { till: again, reversalId };
}
