import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { TerminalRecord, type DeclineReason, type TerminalOutcome } from '../../../core/payment/terminal.js';
import type { ChargeRequest, PaymentTerminal, RefundRequest } from './terminal.js';

/** What the emulated terminal does with the next operation. */
export type EmulatedBehaviour =
  | { readonly kind: 'approve' }
  | { readonly kind: 'decline'; readonly reason: DeclineReason }
  /** Never answers (until cancelled): the till's deadline turns it into a timeout. */
  | { readonly kind: 'silent' }
  /** Waits until `release()` is called, then approves: a card holder slow at the PIN pad. */
  | { readonly kind: 'hold' };

export interface EmulatedOperation {
  readonly type: 'charge' | 'refund';
  readonly amountMinor: number;
  readonly reference: string;
  readonly originalApproval: string | null;
  readonly outcome: TerminalOutcome | null;
}

/**
 * The demo's convention, like a payment provider's test amounts: an amount whose last two
 * minor digits are 51 is declined for insufficient funds, 52 declined by the card, 53 never
 * answered (a timeout). Every other amount is approved. Tests may set `behaviour` instead.
 */
export function behaviourForAmount(amountMinor: number): EmulatedBehaviour {
  switch (amountMinor % 100) {
    case 51:
      return { kind: 'decline', reason: 'insufficient_funds' };
    case 52:
      return { kind: 'decline', reason: 'card_declined' };
    case 53:
      return { kind: 'silent' };
    default:
      return { kind: 'approve' };
  }
}

/**
 * An in-process card terminal for tests and demos. It records every operation it was asked
 * for, approves with a sequential approval code and a fixed card, and behaves as told:
 * `behaviour` (one fixed behaviour) or, by default, by the amount (`behaviourForAmount`).
 * With a `journalFile` it keeps its record of operations there, one JSON line as each starts
 * and as each ends, so it outlives the till's process like a terminal beside the till does:
 * a till restarted after a crash asks it `lastTransaction()` and gets the truth.
 */
export class EmulatedTerminal implements PaymentTerminal {
  behaviour: EmulatedBehaviour | null = null;
  cardLast4 = '4242';
  readonly operations: EmulatedOperation[] = [];
  /** Set: the terminal cannot be reached for `lastTransaction()` (a cable out). */
  unreachable = false;
  private approvals = 0;
  private pending: { finish: (outcome: TerminalOutcome) => void; index: number } | null = null;
  private last: TerminalRecord | null = null;

  constructor(private readonly journalFile: string | null = null) {
    if (!journalFile || !existsSync(journalFile)) return;
    for (const line of readFileSync(journalFile, 'utf8').split('\n')) {
      // A line cut short by a kill is the end of the journal.
      const parsed = line ? TerminalRecord.safeParse(safeJson(line)) : null;
      if (!parsed?.success) continue;
      this.last = parsed.data;
      if (parsed.data.outcome?.outcome === 'approved') this.approvals += 1;
    }
  }

  async lastTransaction(): Promise<TerminalRecord | null> {
    if (this.unreachable) throw new Error('terminal unreachable');
    return this.last;
  }

  charge(request: ChargeRequest): Promise<TerminalOutcome> {
    return this.operate('charge', request.amountMinor, request.reference, null);
  }

  refund(request: RefundRequest): Promise<TerminalOutcome> {
    return this.operate('refund', request.amountMinor, request.reference, request.original.approvalCode);
  }

  async cancel(): Promise<void> {
    this.pending?.finish({ outcome: 'declined', reason: 'cancelled' });
  }

  /** True while an operation waits for the card holder (`hold`) or for ever (`silent`). */
  get busy(): boolean {
    return this.pending !== null;
  }

  /** The card holder finished: an operation held by `hold` is approved. */
  release(): void {
    this.pending?.finish(this.approve());
  }

  private journal(entry: TerminalRecord): void {
    this.last = entry;
    if (this.journalFile) appendFileSync(this.journalFile, `${JSON.stringify(entry)}\n`);
  }

  private approve(): TerminalOutcome {
    this.approvals += 1;
    return { outcome: 'approved', approvalCode: `A${String(this.approvals).padStart(5, '0')}`, cardLast4: this.cardLast4 };
  }

  private operate(type: EmulatedOperation['type'], amountMinor: number, reference: string, originalApproval: string | null): Promise<TerminalOutcome> {
    if (this.pending) return Promise.resolve({ outcome: 'declined', reason: 'terminal_error' });
    const index = this.operations.push({ type, amountMinor, reference, originalApproval, outcome: null }) - 1;
    this.journal({ reference, type, amountMinor, outcome: null });
    const record = (outcome: TerminalOutcome): TerminalOutcome => {
      this.operations[index] = { ...(this.operations[index] as EmulatedOperation), outcome };
      this.journal({ reference, type, amountMinor, outcome });
      return outcome;
    };
    const behaviour = this.behaviour ?? behaviourForAmount(amountMinor);
    if (behaviour.kind === 'approve') return Promise.resolve(record(this.approve()));
    if (behaviour.kind === 'decline') return Promise.resolve(record({ outcome: 'declined', reason: behaviour.reason }));
    return new Promise((resolve) => {
      this.pending = {
        index,
        finish: (outcome) => {
          this.pending = null;
          resolve(record(outcome));
        },
      };
    });
  }
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return null;
  }
}
