import { describe, expect, it } from 'vitest';
import type { TillDatabase } from '../../electron/backend/db.js';
import { existsSync, statSync } from 'node:fs';
import { withCheckDigit } from '../../core/scan/barcode.js';
import type { SaleView } from '../../core/sale/contract.js';
import { SaleCompletedOp } from '../../core/sync/ops.js';
import { contract } from '../../core/rpc/contract.js';
import { startTill } from '../../electron/backend/till.js';
import { errorCode, ok, openTestTill, silentLog } from '../helpers/till.js';

function unitBarcodes(db: TillDatabase, n: number): string[] {
  return (db.prepare(`SELECT b.code FROM barcodes b JOIN products p USING (sku) WHERE p.sold_by = 'unit' ORDER BY b.code LIMIT ?`).all(n) as { code: string }[]).map((r) => r.code);
}

describe('sale lifecycle', () => {
  it('scans, merges repeats, changes quantity, voids, pays cash and completes atomically', async () => {
    const till = openTestTill();
    const [a, b, c] = unitBarcodes(till.db, 3) as [string, string, string];
    ok(await till.dispatch('sale.scan', { code: a }));
    ok(await till.dispatch('sale.scan', { code: b }));
    let sale = ok(await till.dispatch('sale.scan', { code: b })) as SaleView;
    expect(sale.lines).toHaveLength(2);
    expect(sale.lines[1]?.quantity).toBe(2);
    sale = ok(await till.dispatch('sale.scan', { code: c })) as SaleView;
    sale = ok(await till.dispatch('sale.setQuantity', { lineId: sale.lines[0]!.id, quantity: 3 })) as SaleView;
    sale = ok(await till.dispatch('sale.voidLine', { lineId: sale.lines[2]!.id })) as SaleView;
    const expected = 3 * sale.lines[0]!.unitPrice + 2 * sale.lines[1]!.unitPrice;
    expect(sale.totals.total).toBe(expected);
    expect(sale.totals.itemCount).toBe(5);
    expect(sale.totals.vat.reduce((s, r) => s + r.gross, 0)).toBe(expected);

    expect(errorCode(await till.dispatch('sale.payCash', { tenderedMinor: expected - 1 }))).toBe('PAYMENT_INSUFFICIENT');
    const done = ok(await till.dispatch('sale.payCash', { tenderedMinor: expected + 1000 })) as { sale: SaleView; payments: { change: number }[] };
    expect(done.sale.status).toBe('completed');
    expect(done.sale.receiptNo).toBe(1);
    expect(done.payments[0]?.change).toBe(1000);
    expect(contract['sale.payCash'].output.safeParse(done).success).toBe(true);

    const outbox = till.db.prepare('SELECT * FROM outbox').all() as { op_id: string; op_type: string; entity_id: string; payload: string }[];
    expect(outbox).toHaveLength(1);
    expect(outbox[0]?.entity_id).toBe(done.sale.id);
    const op = SaleCompletedOp.parse({ opId: outbox[0]!.op_id, type: outbox[0]!.op_type, payload: JSON.parse(outbox[0]!.payload) });
    expect(op.payload.lines).toHaveLength(2);
    expect(op.payload.totalMinor).toBe(expected);
    expect(till.db.prepare('SELECT COUNT(*) AS n FROM sale_vat WHERE sale_id = ?').get(done.sale.id)).toEqual({ n: sale.totals.vat.length });
    expect(till.db.prepare(`SELECT kind, state, open_drawer FROM print_jobs WHERE sale_id = ?`).all(done.sale.id)).toEqual([
      { kind: 'receipt', state: 'pending', open_drawer: 1 },
    ]);
    expect(ok(await till.dispatch('sale.current', {}))).toBeNull();
    expect(errorCode(await till.dispatch('sale.payCash', { tenderedMinor: 100 }))).toBe('SALE_NO_OPEN_SALE');

    ok(await till.dispatch('sale.scan', { code: a }));
    const second = ok(await till.dispatch('sale.payCash', { tenderedMinor: 10_000_000 })) as { sale: SaleView };
    expect(second.sale.receiptNo).toBe(2);
    till.close();
  });

  it('resumes the open sale after a restart', async () => {
    const till = openTestTill();
    const [a, b] = unitBarcodes(till.db, 2) as [string, string];
    ok(await till.dispatch('sale.scan', { code: a }));
    const before = ok(await till.dispatch('sale.scan', { code: b })) as SaleView;
    till.close();
    const again = startTill({ databaseFile: till.file, language: 'en', log: silentLog });
    expect(ok(await again.dispatch('sale.current', {}))).toEqual(before);
    again.close();
  });

  it('prices weighed items from scale labels and refuses a weight change', async () => {
    const till = openTestTill({ products: 2000 });
    const product = till.db.prepare(`SELECT p.plu, sp.price_minor FROM products p JOIN store_prices sp USING (sku) WHERE p.sold_by = 'weight' LIMIT 1`).get() as { plu: string; price_minor: number };
    const label = withCheckDigit(`21${product.plu}01250`);
    const sale = ok(await till.dispatch('sale.scan', { code: label })) as SaleView;
    expect(sale.lines[0]).toMatchObject({ qtyKind: 'weight', quantity: 1250, lineTotal: Math.round((1250 * product.price_minor) / 1000) });
    expect(errorCode(await till.dispatch('sale.setQuantity', { lineId: sale.lines[0]!.id, quantity: 2 }))).toBe('QTY_WEIGHED_ITEM');
    till.close();
  });

  it('uses the VAT rate in force on the sale day', async () => {
    const till = openTestTill({ now: () => new Date('2025-07-31T20:00:00Z') });
    till.db.prepare(`UPDATE settings SET value = '"RO"' WHERE key = 'country'`).run();
    const code = unitBarcodes(till.db, 1)[0] as string;
    till.close();
    const atDay = (iso: string) => startTill({ databaseFile: till.file, language: 'en', log: silentLog, now: () => new Date(iso) });
    const before = atDay('2025-07-31T12:00:00Z');
    const line1 = (ok(await before.dispatch('sale.scan', { code })) as SaleView).lines[0]!;
    ok(await before.dispatch('sale.cancel', {}));
    before.close();
    // 21:30 UTC on 31 July is already 1 August in Chișinău: the store's day decides.
    const after = atDay('2025-07-31T21:30:00Z');
    const line2 = (ok(await after.dispatch('sale.scan', { code })) as SaleView).lines[0]!;
    after.close();
    expect([1900, 900]).toContain(line1.vatBasisPoints);
    expect([2100, 1100]).toContain(line2.vatBasisPoints);
  });

  it('gives clear codes for bad input and leaves the sale unchanged', async () => {
    const till = openTestTill();
    const [a] = unitBarcodes(till.db, 1) as [string];
    const sale = ok(await till.dispatch('sale.scan', { code: a })) as SaleView;
    const unchanged = async () => expect(ok(await till.dispatch('sale.current', {}))).toEqual(sale);
    const cases: [string, unknown, string][] = [
      ['sale.scan', { code: withCheckDigit('400000000000') }, 'SCAN_UNKNOWN_BARCODE'],
      ['sale.scan', { code: '4006381333932' }, 'SCAN_BAD_CHECK_DIGIT'],
      ['sale.scan', { code: '\x1b[2J\x00garbage' }, 'SCAN_GARBAGE'],
      ['sale.scan', { code: '' }, 'SCAN_EMPTY'],
      ['sale.scan', { code: 'x'.repeat(300) }, 'SCAN_UNKNOWN_CODE'],
      ['sale.scan', { code: 'x'.repeat(4097) }, 'INPUT_INVALID'],
      ['sale.scan', { code: 'STREAM25' }, 'SCAN_UNKNOWN_BARCODE'],
      ['sale.scan', { code: 'https://shop.example/p/STREAM25' }, 'PROMO_CODE_REFUSED'], // a promo link goes to the code box: not a code the till knows,
      ['sale.scan', { barcode: a }, 'INPUT_INVALID'],
      ['sale.setQuantity', { lineId: sale.lines[0]!.id, quantity: 0 }, 'QTY_OUT_OF_RANGE'],
      ['sale.setQuantity', { lineId: sale.lines[0]!.id, quantity: -3 }, 'QTY_OUT_OF_RANGE'],
      ['sale.setQuantity', { lineId: sale.lines[0]!.id, quantity: 1e9 }, 'QTY_OUT_OF_RANGE'],
      ['sale.setQuantity', { lineId: sale.lines[0]!.id, quantity: 1.5 }, 'QTY_NOT_INTEGER'],
      ['sale.setQuantity', { lineId: 'nope', quantity: 2 }, 'SALE_LINE_NOT_FOUND'],
      ['sale.payCash', { tenderedMinor: -1 }, 'PAYMENT_OUT_OF_RANGE'],
      ['sale.payCash', { tenderedMinor: 1_000_000_001 }, 'PAYMENT_OUT_OF_RANGE'],
      ['sale.payCash', { tenderedMinor: Number.MAX_SAFE_INTEGER }, 'PAYMENT_OUT_OF_RANGE'],
      ['sale.payCash', { tenderedMinor: 1.5 }, 'INPUT_INVALID'],
      ['sale.addProduct', { sku: 'NOPE' }, 'PRODUCT_NOT_FOUND'],
      ['sale.addProduct', { sku: 'A\u0000B' }, 'INPUT_INVALID'],
      ['sale.addProduct', { sku: '\uD800' }, 'INPUT_INVALID'],
      ['sale.drop', {}, 'RPC_UNKNOWN_METHOD'],
    ];
    for (const [method, input, code] of cases) {
      const result = await till.dispatch(method, input);
      expect(errorCode(result), `${method} ${JSON.stringify(input).slice(0, 40)}`).toBe(code);
      if (!result.ok) expect(result.error.message.length).toBeGreaterThan(5);
      await unchanged();
    }
    till.close();
  });

  it('translates error messages into the till language', async () => {
    const till = openTestTill({ language: 'ru' });
    const result = await till.dispatch('sale.scan', { code: '4006381333932' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('контрольная цифра');
    till.close();
  });

  it('writes voids and cancellations to the audit log', async () => {
    const till = openTestTill();
    const [a, b] = unitBarcodes(till.db, 2) as [string, string];
    ok(await till.dispatch('sale.scan', { code: a }));
    const sale = ok(await till.dispatch('sale.scan', { code: b })) as SaleView;
    ok(await till.dispatch('sale.voidLine', { lineId: sale.lines[0]!.id }));
    expect(errorCode(await till.dispatch('sale.voidLine', { lineId: sale.lines[0]!.id }))).toBe('SALE_LINE_VOIDED');
    ok(await till.dispatch('sale.cancel', {}));
    const actions = (till.db.prepare('SELECT action FROM audit_log ORDER BY id').all() as { action: string }[]).map((r) => r.action);
    expect(actions).toEqual(['sale.line_voided', 'sale.cancelled']);
    expect(till.db.prepare(`SELECT status FROM sales`).get()).toEqual({ status: 'cancelled' });
    expect(till.db.prepare('SELECT COUNT(*) AS n FROM outbox').get()).toEqual({ n: 0 });
    till.close();
  });
});

describe('catalogue', () => {
  it('finds products by name in any language, ignoring case and diacritics, and by exact barcode', async () => {
    const till = openTestTill({ products: 3000 });
    const names = async (q: string) => (ok(await till.dispatch('catalog.search', { query: q, limit: 10 })) as { names: { en: string; ru: string; ro: string } }[]);
    expect((await names('молоко')).length).toBeGreaterThan(0);
    expect((await names('молоко')).every((h) => h.names.ru.toLowerCase().includes('молоко'))).toBe(true);
    expect((await names('МОЛ')).length).toBeGreaterThan(0);
    const withDiacritics = await names('pâine');
    const folded = await names('paine');
    expect(folded.length).toBeGreaterThan(0);
    expect(folded.map((h) => h.names.ro)).toEqual(withDiacritics.map((h) => h.names.ro));
    expect((await names('sampon')).every((h) => h.names.ro.includes('Șampon'))).toBe(true);
    const [code] = unitBarcodes(till.db, 1) as [string];
    const sku = (till.db.prepare('SELECT sku FROM barcodes WHERE code = ?').get(code) as { sku: string }).sku;
    expect((ok(await till.dispatch('catalog.search', { query: code, limit: 5 })) as { sku: string }[])[0]?.sku).toBe(sku);
    expect(ok(await till.dispatch('catalog.search', { query: '"*)(', limit: 5 }))).toEqual([]);
    till.close();
  });

  it('hot lookups use their indexes', async () => {
    const till = openTestTill();
    const plan = (sql: string) => (till.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan(`SELECT p.sku, sp.price_minor FROM barcodes b JOIN products p ON p.sku = b.sku LEFT JOIN store_prices sp ON sp.sku = p.sku AND sp.store_id = 'X' WHERE b.code = '1'`)).toMatch(
      /SEARCH b USING PRIMARY KEY \(code=\?\).*SEARCH p USING PRIMARY KEY \(sku=\?\).*SEARCH sp USING PRIMARY KEY \(sku=\? AND store_id=\?\)/,
    );
    expect(plan(`SELECT sku FROM products WHERE plu = '00001'`)).toMatch(/USING (COVERING )?INDEX sqlite_autoindex_products_\d \(plu=\?\)/);
    expect(plan(`SELECT customer_id FROM customer_phones WHERE phone_e164 = '+37360000000'`)).toMatch(/SEARCH customer_phones USING PRIMARY KEY \(phone_e164=\?\)/);
    expect(plan(`SELECT * FROM sales WHERE till_id = 'T' AND status = 'open'`)).toMatch(/USING INDEX sales_one_open/);
    till.close();
  });
});

describe('write-ahead log', () => {
  it('is checkpointed on a timer, never inside a sale commit, and truncated on close', async () => {
    const till = openTestTill();
    expect(till.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const [a] = unitBarcodes(till.db, 1) as [string];
    for (let i = 0; i < 20; i++) {
      ok(await till.dispatch('sale.scan', { code: a }));
      ok(await till.dispatch('sale.payCash', { tenderedMinor: 10_000_000 }));
    }
    const walFile = `${till.file}-wal`;
    expect(statSync(walFile).size).toBeGreaterThan(0);
    // Twenty sales and no checkpoint yet: the frames are all still in the log.
    const [checkpoint] = till.db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    expect(checkpoint?.log).toBeGreaterThan(20);
    await till.close();
    expect(existsSync(walFile) ? statSync(walFile).size : 0).toBe(0);
  });
});
