import type { Currency } from '../../../core/money.js';
import type { TerminalOutcome, TerminalRecord } from '../../../core/payment/terminal.js';

export type { TerminalOutcome, TerminalRecord };

export interface ChargeRequest {
  readonly amountMinor: number;
  readonly currency: Currency;
  /** The till's id for this attempt (a ULID): the terminal's reference, so its records and ours match. */
  readonly reference: string;
}

export interface RefundRequest {
  readonly amountMinor: number;
  readonly currency: Currency;
  readonly reference: string;
  /** The charge being refunded, as the terminal approved it. */
  readonly original: { readonly approvalCode: string; readonly reference: string };
}

/**
 * A card terminal beside the till. One operation at a time: `charge` and `refund` resolve
 * when the terminal answers; `cancel` asks it to abandon the operation in progress (which
 * then resolves as declined, reason `cancelled`, or as the terminal's own answer if it was
 * quicker). A driver never rejects for a card-holder outcome; it rejects only when it cannot
 * talk to the terminal at all.
 */
export interface PaymentTerminal {
  charge(request: ChargeRequest): Promise<TerminalOutcome>;
  refund(request: RefundRequest): Promise<TerminalOutcome>;
  cancel(): Promise<void>;
  /** The last operation the terminal was asked for and how it ended; null: none since it was set up. Rejects when the terminal cannot be reached. */
  lastTransaction(): Promise<TerminalRecord | null>;
}

/**
 * Runs one terminal operation with a deadline: past it the operation is cancelled on the
 * terminal and the answer is `timeout`, so the till never waits for ever and never takes a
 * silent terminal for a payment.
 */
export async function withDeadline(
  terminal: PaymentTerminal,
  operation: (t: PaymentTerminal) => Promise<TerminalOutcome>,
  timeoutMs: number,
): Promise<TerminalOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'deadline'>((resolve) => {
    timer = setTimeout(() => resolve('deadline'), timeoutMs);
  });
  const answer = operation(terminal);
  try {
    const first = await Promise.race([answer, deadline]);
    if (first !== 'deadline') return first;
    await terminal.cancel();
    // Abandoned: whatever the terminal says later is not a payment the till took.
    answer.catch(() => undefined);
    return { outcome: 'timeout' };
  } finally {
    clearTimeout(timer);
  }
}
