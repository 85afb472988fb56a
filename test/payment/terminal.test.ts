import { describe, expect, it } from 'vitest';
import { TerminalOutcome } from '../../core/payment/terminal.js';
import { behaviourForAmount, EmulatedTerminal } from '../../electron/backend/payment/emulator.js';
import { withDeadline } from '../../electron/backend/payment/terminal.js';

const charge = (amountMinor: number, reference = 'REF') => ({ amountMinor, currency: 'MDL' as const, reference });

describe('emulated card terminal', () => {
  it('approves with an approval code and the card’s last four, each approval its own code', async () => {
    const t = new EmulatedTerminal();
    const first = await t.charge(charge(1000, 'R1'));
    const second = await t.charge(charge(2000, 'R2'));
    expect(first).toEqual({ outcome: 'approved', approvalCode: 'A00001', cardLast4: '4242' });
    expect(second).toMatchObject({ outcome: 'approved', approvalCode: 'A00002' });
    expect(TerminalOutcome.parse(first)).toEqual(first);
    expect(t.operations.map((o) => [o.type, o.amountMinor, o.reference])).toEqual([
      ['charge', 1000, 'R1'],
      ['charge', 2000, 'R2'],
    ]);
  });

  it('declines or stays silent by the demo amounts, approves the rest', () => {
    expect(behaviourForAmount(1251)).toEqual({ kind: 'decline', reason: 'insufficient_funds' });
    expect(behaviourForAmount(1252)).toEqual({ kind: 'decline', reason: 'card_declined' });
    expect(behaviourForAmount(1253)).toEqual({ kind: 'silent' });
    expect(behaviourForAmount(1250)).toEqual({ kind: 'approve' });
  });

  it('does what it is told, whatever the amount', async () => {
    const t = new EmulatedTerminal();
    t.behaviour = { kind: 'decline', reason: 'card_declined' };
    expect(await t.charge(charge(1000))).toEqual({ outcome: 'declined', reason: 'card_declined' });
    t.behaviour = { kind: 'approve' };
    expect((await t.charge(charge(1251))).outcome).toBe('approved');
  });

  it('a silent terminal becomes a timeout at the deadline and the operation is cancelled on it', async () => {
    const t = new EmulatedTerminal();
    t.behaviour = { kind: 'silent' };
    const outcome = await withDeadline(t, (x) => x.charge(charge(1000)), 20);
    expect(outcome).toEqual({ outcome: 'timeout' });
    expect(t.busy).toBe(false);
    expect(t.operations[0]?.outcome).toEqual({ outcome: 'declined', reason: 'cancelled' });
  });

  it('an answer before the deadline is the answer', async () => {
    const t = new EmulatedTerminal();
    t.behaviour = { kind: 'hold' };
    const pending = withDeadline(t, (x) => x.charge(charge(1000)), 60_000);
    expect(t.busy).toBe(true);
    t.release();
    expect(await pending).toMatchObject({ outcome: 'approved' });
  });

  it('cancel ends an operation in progress as declined, cancelled', async () => {
    const t = new EmulatedTerminal();
    t.behaviour = { kind: 'hold' };
    const pending = t.charge(charge(1000));
    await t.cancel();
    expect(await pending).toEqual({ outcome: 'declined', reason: 'cancelled' });
  });

  it('refunds against the original approval', async () => {
    const t = new EmulatedTerminal();
    const paid = await t.charge(charge(1000, 'R1'));
    if (paid.outcome !== 'approved') throw new Error('not approved');
    const refunded = await t.refund({ amountMinor: 400, currency: 'MDL', reference: 'R2', original: { approvalCode: paid.approvalCode, reference: 'R1' } });
    expect(refunded.outcome).toBe('approved');
    expect(t.operations[1]).toMatchObject({ type: 'refund', amountMinor: 400, originalApproval: 'A00001' });
  });

  it('refuses a second operation while one is in progress', async () => {
    const t = new EmulatedTerminal();
    t.behaviour = { kind: 'hold' };
    const first = t.charge(charge(1000));
    expect(await t.charge(charge(500))).toEqual({ outcome: 'declined', reason: 'terminal_error' });
    t.release();
    expect((await first).outcome).toBe('approved');
  });
});
