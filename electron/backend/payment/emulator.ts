import type { TerminalOutcome } from '../../../core/payment/terminal.js';
import type { DeclineReason } from '../../../core/payment/terminal.js';
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
 */
export class EmulatedTerminal implements PaymentTerminal {
  behaviour: EmulatedBehaviour | null = null;
  cardLast4 = '4242';
  readonly operations: EmulatedOperation[] = [];
  private approvals = 0;
  private pending: { finish: (outcome: TerminalOutcome) => void; index: number } | null = null;

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

  private approve(): TerminalOutcome {
    this.approvals += 1;
    return { outcome: 'approved', approvalCode: `A${String(this.approvals).padStart(5, '0')}`, cardLast4: this.cardLast4 };
  }

  private operate(type: EmulatedOperation['type'], amountMinor: number, reference: string, originalApproval: string | null): Promise<TerminalOutcome> {
    if (this.pending) return Promise.resolve({ outcome: 'declined', reason: 'terminal_error' });
    const index = this.operations.push({ type, amountMinor, reference, originalApproval, outcome: null }) - 1;
    const record = (outcome: TerminalOutcome): TerminalOutcome => {
      this.operations[index] = { ...(this.operations[index] as EmulatedOperation), outcome };
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
