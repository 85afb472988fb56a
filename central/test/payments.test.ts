import { describe, expect, it } from 'vitest';
import { newId } from '../../core/ids.js';
import { ADMIN_KEY, saleOp, usePgliteChain, type TestChain } from './support/chain.js';

describe('Central: card and split payments, payment methods per store', () => {
  let chain: TestChain;
  usePgliteChain((c) => (chain = c));

  it('stores a split sale’s card approval and last four beside its cash, once', async () => {
    const op = saleOp('T1', 'S1', { total: 5_000 });
    const [cardId, cashId] = [newId(), newId()];
    op.payload.payments = [
      { paymentId: cardId, method: 'card', amountMinor: 3_000, tenderedMinor: 3_000, changeMinor: 0, approvalCode: 'A00042', cardLast4: '4242' },
      { paymentId: cashId, method: 'cash', amountMinor: 2_000, tenderedMinor: 2_500, changeMinor: 500 },
    ] as never;
    expect((await chain.call('POST', '/v1/sync/push', chain.t1, { ops: [op] })).json.results[0].status).toBe('applied');
    expect((await chain.call('POST', '/v1/sync/push', chain.t1, { ops: [op] })).json.results[0].status).toBe('duplicate');
    const { rows } = await chain.db.query(
      `SELECT id, method, amount_minor::int AS amount, change_minor::int AS change, approval_code, card_last4 FROM sale_payments WHERE sale_id = $1 ORDER BY method`,
      [op.payload.saleId],
    );
    expect(rows).toEqual([
      { id: cardId, method: 'card', amount: 3_000, change: 0, approval_code: 'A00042', card_last4: '4242' },
      { id: cashId, method: 'cash', amount: 2_000, change: 500, approval_code: null, card_last4: null },
    ]);
  });

  it('refuses a card payment with a malformed approval or card number, recording nothing', async () => {
    const op = saleOp('T1', 'S1', { total: 1_000 });
    op.payload.payments = [{ paymentId: newId(), method: 'card', amountMinor: 1_000, tenderedMinor: 1_000, changeMinor: 0, approvalCode: 'a-1', cardLast4: '4242 1111' }] as never;
    expect((await chain.call('POST', '/v1/sync/push', chain.t1, { ops: [op] })).json.results[0]).toMatchObject({ status: 'rejected', reason: 'invalid' });
    const { rows } = await chain.db.query(`SELECT count(*)::int AS n FROM sales WHERE id = $1`, [op.payload.saleId]);
    expect(rows[0]).toEqual({ n: 0 });
  });

  it('keeps each store’s payment methods and tells a till when it pairs', async () => {
    const set = await chain.call('PUT', '/v1/admin/stores/S1', ADMIN_KEY, { name: 'Store one', country: 'RO', currency: 'RON', paymentMethods: ['cash'] });
    expect(set.json).toMatchObject({ id: 'S1', paymentMethods: ['cash'] });
    const bad = await chain.call('PUT', '/v1/admin/stores/S1', ADMIN_KEY, { name: 'Store one', country: 'RO', currency: 'RON', paymentMethods: ['cheque'] });
    expect(bad.status).toBe(400);
    const none = await chain.call('PUT', '/v1/admin/stores/S1', ADMIN_KEY, { name: 'Store one', country: 'RO', currency: 'RON', paymentMethods: [] });
    expect(none.status).toBe(400);
    const { code } = (await chain.call('POST', '/v1/admin/tills/T1/pairing-codes', ADMIN_KEY, {})).json;
    const paired = await chain.call('POST', '/v1/devices/pair', null, { pairingCode: code, deviceName: 'till one again' });
    expect(paired.json.store).toMatchObject({ currency: 'RON', paymentMethods: ['cash'] });
    const stores = await chain.call('GET', '/v1/admin/stores', ADMIN_KEY);
    expect(stores.json.stores.find((s: { id: string }) => s.id === 'S2')).toMatchObject({ paymentMethods: ['cash', 'card'] });
  });
});
