import { describe, expect, it } from 'vitest';
import { newId } from '../../core/ids.js';
import { ADMIN_KEY, CAMPAIGN, redeemOp, saleOp, usePgliteChain, type TestChain } from './support/chain.js';

/** A sale of till T1 (store S1): 3 × 10.00 with 3.00 off the line, and 1 × 5.00; paid in cash. */
function twoLineSale(customerId: string | null) {
  const op = saleOp('T1', 'S1', { customerId, total: 3_200 });
  op.payload.lines = [
    { lineId: newId(), position: 1, sku: 'SKU-1', scannedCode: null as unknown as string, name: 'Lapte', qtyKind: 'unit', quantity: 3, unitPriceMinor: 1_000, lineTotalMinor: 3_000, discountMinor: 300, vatBasisPoints: 1100 } as (typeof op.payload.lines)[number],
    { lineId: newId(), position: 2, sku: 'SKU-2', scannedCode: null as unknown as string, name: 'Pâine', qtyKind: 'unit', quantity: 1, unitPriceMinor: 500, lineTotalMinor: 500, vatBasisPoints: 1100 },
  ];
  return op;
}

function returnOp(sale: ReturnType<typeof twoLineSale>, tillId: string, storeId: string, returnNo: number, lines: { index: number; quantity: number; refund: number }[]) {
  const refund = lines.reduce((s, l) => s + l.refund, 0);
  return {
    opId: newId(),
    type: 'sale.returned' as const,
    payload: {
      returnId: newId(),
      returnNo,
      saleId: sale.payload.saleId,
      tillId,
      storeId,
      cashier: 'Ion',
      currency: 'RON',
      returnedAt: '2026-11-21T09:00:00.000Z',
      method: 'cash',
      refundMinor: refund,
      lines: lines.map((l) => {
        const line = sale.payload.lines[l.index]!;
        return { lineId: line.lineId, sku: line.sku, quantity: l.quantity, refundMinor: l.refund, vatBasisPoints: 1100 };
      }),
      vat: [{ vatBasisPoints: 1100, grossMinor: refund, netMinor: refund - Math.round((refund * 1100) / 11100), vatMinor: Math.round((refund * 1100) / 11100) }],
    },
  };
}

describe('Central: returns from the tills', () => {
  let chain: TestChain;
  usePgliteChain((c) => (chain = c));

  const push = async (token: string, ops: unknown[]) => (await chain.call('POST', '/v1/sync/push', token, { ops })).json.results;
  const lookup = (token: string, body: unknown) => chain.call('POST', '/v1/till/returns/lookup', token, body);

  it('another till finds the sale with what was paid per line; unknown sales and other chains are told apart; only tills may ask', async () => {
    const sale = twoLineSale(null);
    expect((await push(chain.t1, [sale]))[0].status).toBe('applied');
    const found = await lookup(chain.t2, { saleId: sale.payload.saleId, tillId: 'T1' });
    expect(found.status).toBe(200);
    expect(found.json).toMatchObject({
      found: true,
      sale: { saleId: sale.payload.saleId, tillId: 'T1', storeId: 'S1', total: 3_200, paidWith: ['cash'], customerId: null },
    });
    expect(found.json.sale.lines.map((l: { paid: number; returned: number }) => [l.paid, l.returned])).toEqual([
      [2_700, 0],
      [500, 0],
    ]);
    expect((await lookup(chain.t2, { saleId: newId(), tillId: 'T1' })).json).toEqual({ found: false, tillKnown: true });
    expect((await lookup(chain.t2, { saleId: newId(), tillId: 'OTHER-CHAIN-7' })).json).toEqual({ found: false, tillKnown: false });
    expect((await lookup(chain.t2, { saleId: 'garbage', tillId: null })).status).toBe(400);
    expect((await lookup(chain.channel, { saleId: sale.payload.saleId, tillId: null })).status).toBe(401);
    expect((await lookup(null as unknown as string, { saleId: sale.payload.saleId, tillId: null })).status).toBe(401);
  });

  it('records returns from any till, puts a return on her timeline, and a full return gives the single-use code back exactly once', async () => {
    await chain.call('POST', '/v1/admin/campaigns', ADMIN_KEY, { ...CAMPAIGN, id: 'ret-camp', codePrefix: 'RET' });
    await chain.call('POST', '/v1/admin/campaigns/ret-camp/codes', ADMIN_KEY, { count: 1 });
    const { rows: codeRows } = await chain.db.query<{ code: string }>(`SELECT code FROM promo_codes WHERE campaign_id = 'ret-camp'`);
    const code = codeRows[0]!.code;
    const customer = await chain.call('POST', '/v1/customers/upsert-by-phone', chain.channel, { phone: '+40722000111', name: 'Doina' });
    const customerId = customer.json.customer.id as string;

    const sale = twoLineSale(customerId);
    const redeem = redeemOp(code, 'T1', 'S1');
    redeem.payload.saleId = sale.payload.saleId;
    expect((await push(chain.t1, [sale, redeem])).map((r: { status: string }) => r.status)).toEqual(['applied', 'applied']);

    const partial = returnOp(sale, 'T2', 'S2', 1, [{ index: 0, quantity: 2, refund: 1_800 }]);
    partial.payload.currency = 'RON';
    expect((await push(chain.t2, [partial]))[0]).toMatchObject({ status: 'applied', result: { complete: false, codesReissued: [] } });
    const after = await lookup(chain.t1, { saleId: sale.payload.saleId, tillId: 'T1' });
    expect(after.json.sale.lines.map((l: { returned: number }) => l.returned)).toEqual([2, 0]);

    const rest = returnOp(sale, 'T1', 'S1', 1, [
      { index: 0, quantity: 1, refund: 900 },
      { index: 1, quantity: 1, refund: 500 },
    ]);
    // Retried five times at once (a till that lost the answer): applied once, the rest duplicates.
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => push(chain.t1, [rest])));
    const statuses = results.map((r) => r[0].status).sort();
    expect(statuses).toEqual(['applied', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
    expect(results.find((r) => r[0].status === 'applied')![0].result).toEqual({ returnId: rest.payload.returnId, complete: true, codesReissued: [code] });

    const { rows: state } = await chain.db.query<{ state: string }>(`SELECT state FROM promo_codes WHERE code = $1`, [code]);
    expect(state).toEqual([{ state: 'issued' }]);
    const { rows: rolled } = await chain.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM redemptions WHERE code = $1 AND rolled_back_at IS NOT NULL`, [code]);
    expect(rolled).toEqual([{ n: 1 }]);
    const { rows: path } = await chain.db.query<{ kind: string }>(`SELECT kind FROM touchpoints WHERE customer_id = $1 ORDER BY occurred_at, kind`, [customerId]);
    expect(path.map((p) => p.kind).filter((k) => k !== 'code_redeemed')).toEqual(['purchase', 'return', 'return']);

    // The same return sent again under a new op id (a till restored from a backup) records nothing twice and gives nothing back twice.
    const replay = { ...rest, opId: newId() };
    expect((await push(chain.t1, [replay]))[0]).toMatchObject({ status: 'applied', result: { complete: true, codesReissued: [] } });
    const { rows: returns } = await chain.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM sale_returns WHERE sale_id = $1`, [sale.payload.saleId]);
    expect(returns).toEqual([{ n: 2 }]);

    // The code is usable again: a new sale redeems it.
    expect((await push(chain.t2, [redeemOp(code, 'T2', 'S2')]))[0]).toMatchObject({ status: 'applied', result: { outcome: 'accepted' } });
  });

  it('records a card refund: the card share, its approval and card beside the cash rest; a bad approval is refused', async () => {
    const sale = twoLineSale(null);
    expect((await push(chain.t1, [sale]))[0].status).toBe('applied');
    const back = returnOp(sale, 'T1', 'S1', 7, [{ index: 1, quantity: 1, refund: 500 }]);
    const card = { ...back, payload: { ...back.payload, method: 'card', card: { amountMinor: 300, approvalCode: 'R00007', cardLast4: '4242' } } };
    const bad = { ...card, opId: newId(), payload: { ...card.payload, returnId: newId(), card: { ...card.payload.card, approvalCode: 'no good' } } };
    expect((await push(chain.t1, [bad]))[0].status).toBe('rejected');
    expect((await push(chain.t1, [card]))[0].status).toBe('applied');
    const { rows } = await chain.db.query(`SELECT method, refund_minor::int AS refund, card_refund_minor::int AS card, approval_code, card_last4 FROM sale_returns WHERE sale_id = $1`, [
      sale.payload.saleId,
    ]);
    expect(rows).toEqual([{ method: 'card', refund: 500, card: 300, approval_code: 'R00007', card_last4: '4242' }]);
  });

  it('keeps a single-use code spent when its campaign does not give codes back, and refuses a return from the wrong till', async () => {
    await chain.call('POST', '/v1/admin/campaigns', ADMIN_KEY, { ...CAMPAIGN, id: 'keep-camp', codePrefix: 'KEP' });
    await chain.call('POST', '/v1/admin/campaigns/keep-camp/codes', ADMIN_KEY, { count: 1 });
    await chain.db.query(`UPDATE campaigns SET reissue_on_return = false WHERE id = 'keep-camp'`);
    const { rows } = await chain.db.query<{ code: string }>(`SELECT code FROM promo_codes WHERE campaign_id = 'keep-camp'`);
    const code = rows[0]!.code;
    const sale = twoLineSale(null);
    const redeem = redeemOp(code, 'T1', 'S1');
    redeem.payload.saleId = sale.payload.saleId;
    await push(chain.t1, [sale, redeem]);
    const all = returnOp(sale, 'T1', 'S1', 2, [
      { index: 0, quantity: 3, refund: 2_700 },
      { index: 1, quantity: 1, refund: 500 },
    ]);
    expect((await push(chain.t2, [all]))[0]).toMatchObject({ status: 'rejected', reason: 'wrong_store' });
    // The refusal is stored under that op id for good: the right till sends its own op.
    expect((await push(chain.t1, [{ ...all, opId: newId() }]))[0]).toMatchObject({ status: 'applied', result: { complete: true, codesReissued: [] } });
    const { rows: state } = await chain.db.query<{ state: string }>(`SELECT state FROM promo_codes WHERE code = $1`, [code]);
    expect(state).toEqual([{ state: 'redeemed' }]);
  });
});
