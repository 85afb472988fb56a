import { describe, expect, it } from 'vitest';
import type { TillDatabase } from '../../electron/backend/db.js';
import type { CartToSaleResult, CustomerProfile, LookupResult } from '../../core/customer/contract.js';
import { readCustomerQuery } from '../../core/customer/query.js';
import type { SaleView } from '../../core/sale/contract.js';
import { SaleCompletedOp } from '../../core/sync/ops.js';
import { errorCode, ok, openTestTill } from '../helpers/till.js';

/** Moldovan store; customers as sync leaves them in the cache. */
function addCustomer(db: TillDatabase, id: string, name: string, phones: string[], extra: { segments?: string[]; consents?: string[] } = {}): void {
  db.prepare(`INSERT INTO customers (id, name, email, segments, consents, updated_at) VALUES (?, ?, NULL, ?, ?, '2026-12-01T10:00:00Z')`).run(
    id, name, JSON.stringify(extra.segments ?? []), JSON.stringify(extra.consents ?? []),
  );
  for (const p of phones) db.prepare('INSERT INTO customer_phones (phone_e164, customer_id) VALUES (?, ?)').run(p, id);
}

function unitSkus(db: TillDatabase, n: number): { sku: string; price: number }[] {
  return db
    .prepare(`SELECT p.sku, sp.price_minor AS price FROM products p JOIN store_prices sp ON sp.sku = p.sku WHERE p.sold_by = 'unit' AND sp.price_minor > 0 ORDER BY p.sku LIMIT ?`)
    .all(n) as { sku: string; price: number }[];
}

let added = 0;
function cartLine(db: TillDatabase, customer: string, channel: string, sku: string, qty: number, seen: number): void {
  const at = new Date(Date.UTC(2026, 11, 2, 9, added++)).toISOString();
  db.prepare(`INSERT INTO online_cart_lines (customer_id, channel, sku, quantity, price_seen_minor, currency, added_at) VALUES (?, ?, ?, ?, ?, 'MDL', ?)`).run(customer, channel, sku, qty, seen, at);
}

describe('reading what the cashier typed', () => {
  it('takes a phone in every form people say it, last digits and a customer id', () => {
    for (const typed of ['+373 621 23 456', '00373 621 23 456', '0621 23 456', '(0621) 23-456', '0621.23.456', '+373-621-23456']) {
      expect(readCustomerQuery(typed, 'MD'), typed).toEqual({ kind: 'phone', e164: '+37362123456' });
    }
    // A Romanian number typed with its +CC in a Moldovan store.
    expect(readCustomerQuery('+40 721 234 567', 'MD')).toEqual({ kind: 'phone', e164: '+40721234567' });
    expect(readCustomerQuery('8 916 123-45-67', 'RU')).toEqual({ kind: 'phone', e164: '+79161234567' });
    expect(readCustomerQuery('3456', 'MD')).toEqual({ kind: 'lastDigits', digits: '3456' });
    expect(readCustomerQuery(' 23 456 ', 'MD')).toEqual({ kind: 'lastDigits', digits: '23456' });
    expect(readCustomerQuery('C-00000042', 'MD')).toEqual({ kind: 'customerId', id: 'C-00000042' });
    // Last digits may start with zeros; they are no international prefix.
    expect(readCustomerQuery('0055', 'MD')).toEqual({ kind: 'lastDigits', digits: '0055' });
    expect(readCustomerQuery('00 12 34', 'MD')).toEqual({ kind: 'lastDigits', digits: '001234' });
    expect(readCustomerQuery('0040 721 234 567', 'MD')).toEqual({ kind: 'phone', e164: '+40721234567' });
  });

  it('refuses fewer than four digits, letters and numbers that do not exist', () => {
    const code = (typed: string): string | undefined => {
      try {
        readCustomerQuery(typed, 'MD');
        return undefined;
      } catch (e) {
        return (e as { code: string }).code;
      }
    };
    expect(code('456')).toBe('CUSTOMER_TOO_FEW_DIGITS');
    expect(code('')).toBe('PHONE_INVALID');
    expect(code('Ana')).toBe('PHONE_INVALID');
    expect(code('0621 23 45x')).toBe('PHONE_INVALID');
    expect(code('+373 1')).toBe('PHONE_INVALID');
    expect(code('0999 99 999')).toBe('PHONE_INVALID');
    expect(code('1'.repeat(60))).toBe('PHONE_INVALID');
  });
});

describe('the customer at the till', () => {
  it('finds her by phone, by last digits, lists candidates, and says when no one matches', async () => {
    const till = openTestTill({ customers: 0 });
    addCustomer(till.db, 'C-U', 'Ulyana Morari', ['+37362123456'], { segments: ['sneakers'], consents: ['sms'] });
    addCustomer(till.db, 'C-A', 'Ana Popescu', ['+37369113456']);
    addCustomer(till.db, 'C-B', 'Boris Ceban', ['+40721003456']);
    for (let i = 0; i < 12; i++) addCustomer(till.db, `C-M${i}`, `Many ${i}`, [`+37369${String(i).padStart(2, '0')}0999`]);

    const byPhone = ok(await till.dispatch('customer.lookup', { query: '0621 23 456' })) as LookupResult;
    expect(byPhone.kind).toBe('customer');
    const profile = (byPhone as { customer: CustomerProfile }).customer;
    expect(profile).toMatchObject({ id: 'C-U', name: 'Ulyana Morari', segments: ['sneakers'], consents: ['sms'], maskedPhone: '+373 ••• ••• 56' });
    expect(JSON.stringify(profile)).not.toContain('62123456');

    expect(ok(await till.dispatch('customer.lookup', { query: '23456' }))).toMatchObject({ kind: 'customer', customer: { id: 'C-U' } });
    const several = ok(await till.dispatch('customer.lookup', { query: '3456' })) as LookupResult;
    expect(several).toMatchObject({ kind: 'candidates', more: false });
    const names = (several as { candidates: { firstName: string; surnameInitial: string; maskedPhone: string }[] }).candidates.map((c) => `${c.firstName} ${c.surnameInitial}`).sort();
    expect(names).toEqual(['Ana P.', 'Boris C.', 'Ulyana M.']);
    expect(ok(await till.dispatch('customer.lookup', { query: '0999' }))).toMatchObject({ kind: 'candidates', more: true });
    expect(((ok(await till.dispatch('customer.lookup', { query: '0999' })) as { candidates: unknown[] }).candidates)).toHaveLength(8);

    expect(ok(await till.dispatch('customer.lookup', { query: '+373 621 99 999' }))).toEqual({ kind: 'notFound', phone: '+37362199999' });
    expect(ok(await till.dispatch('customer.lookup', { query: '7777' }))).toEqual({ kind: 'notFound', phone: null });
    expect(errorCode(await till.dispatch('customer.lookup', { query: '12' }))).toBe('CUSTOMER_TOO_FEW_DIGITS');
    expect(errorCode(await till.dispatch('customer.lookup', { query: 'Ulyana' }))).toBe('PHONE_INVALID');
    expect(errorCode(await till.dispatch('customer.profile', { customerId: 'C-NOBODY' }))).toBe('CUSTOMER_NOT_FOUND');
    // None of the lookups opened a sale.
    expect(ok(await till.dispatch('sale.current', {}))).toBeNull();
    await till.close();
  });

  it('uses the last-digits index rather than reading every phone', () => {
    const till = openTestTill({ customers: 0 });
    const plan = till.db.prepare(`EXPLAIN QUERY PLAN SELECT customer_id FROM customer_phones WHERE substr(phone_e164, -4) = ?`).all('3456') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('customer_phones_by_last4');
    void till.close();
  });

  it('shows her carts with store prices, moves the cart into the sale with her, and the sale carries her to central', async () => {
    const till = openTestTill({ customers: 0 });
    addCustomer(till.db, 'C-U', 'Ulyana Morari', ['+37362123456']);
    const [a, b] = unitSkus(till.db, 2) as [{ sku: string; price: number }, { sku: string; price: number }];
    cartLine(till.db, 'C-U', 'app', a.sku, 2, a.price + 500);
    cartLine(till.db, 'C-U', 'app', b.sku, 1, b.price);
    cartLine(till.db, 'C-U', 'app', 'SKU-NOT-HERE', 1, 9900);
    cartLine(till.db, 'C-U', 'web', b.sku, 3, b.price);
    till.db.prepare(`INSERT INTO favourites (customer_id, sku, channel, added_at) VALUES ('C-U', ?, 'web', '2026-12-01T08:00:00Z')`).run(a.sku);

    const profile = ok(await till.dispatch('customer.profile', { customerId: 'C-U' })) as CustomerProfile;
    const app = profile.carts.find((c) => c.channel === 'app')!;
    expect(app.lines.map((l) => [l.sku, l.quantity, l.priceSeen, l.storePrice])).toEqual([
      [a.sku, 2, a.price + 500, a.price],
      [b.sku, 1, b.price, b.price],
      ['SKU-NOT-HERE', 1, 9900, null],
    ]);
    expect(profile.favourites).toMatchObject([{ sku: a.sku, storePrice: a.price }]);

    const moved = ok(await till.dispatch('customer.cartToSale', { customerId: 'C-U', channel: 'app' })) as CartToSaleResult;
    expect(moved.added).toBe(2);
    expect(moved.skipped).toEqual([{ sku: 'SKU-NOT-HERE', reason: 'notSoldHere' }]);
    expect(moved.sale.customer).toMatchObject({ id: 'C-U', name: 'Ulyana Morari', maskedPhone: '+373 ••• ••• 56' });
    expect(moved.sale.lines.map((l) => [l.sku, l.quantity, l.origin])).toEqual([
      [a.sku, 2, 'cart:app'],
      [b.sku, 1, 'cart:app'],
    ]);
    // The price she pays is today's store price, not what she saw online.
    expect(moved.sale.totals.total).toBe(2 * a.price + b.price);

    const done = ok(await till.dispatch('sale.payCash', { tenderedMinor: moved.sale.totals.total })) as { sale: SaleView };
    const row = till.db.prepare(`SELECT op_id, op_type, payload FROM outbox WHERE entity_id = ?`).get(done.sale.id) as { op_id: string; op_type: string; payload: string };
    const op = SaleCompletedOp.parse({ opId: row.op_id, type: row.op_type, payload: JSON.parse(row.payload) });
    expect(op.payload.customerId).toBe('C-U');
    expect(op.payload.lines.map((l) => l.origin)).toEqual(['cart:app', 'cart:app']);
    const again = ok(await till.dispatch('customer.profile', { customerId: 'C-U' })) as CustomerProfile;
    expect(again.purchases).toMatchObject([{ saleId: done.sale.id, receiptNo: done.sale.receiptNo, total: done.sale.totals.total, items: 2 }]);
    await till.close();
  });

  it('a cart with nothing sold here changes nothing; attach and detach are audited; Show is audited', async () => {
    const till = openTestTill({ customers: 0 });
    addCustomer(till.db, 'C-D', 'Doina Rusu', ['+37362456789']);
    cartLine(till.db, 'C-D', 'web', 'SKU-NOT-HERE', 1, 9900);
    expect(errorCode(await till.dispatch('customer.cartToSale', { customerId: 'C-D', channel: 'web' }))).toBe('CUSTOMER_CART_EMPTY');
    expect(ok(await till.dispatch('sale.current', {}))).toBeNull();
    expect(errorCode(await till.dispatch('customer.attachToSale', { customerId: 'C-NOBODY' }))).toBe('CUSTOMER_NOT_FOUND');
    expect(ok(await till.dispatch('sale.current', {}))).toBeNull();

    const attached = ok(await till.dispatch('customer.attachToSale', { customerId: 'C-D' })) as SaleView;
    expect(attached.customer?.name).toBe('Doina Rusu');
    const detached = ok(await till.dispatch('customer.attachToSale', { customerId: null })) as SaleView;
    expect(detached.customer).toBeNull();
    expect(ok(await till.dispatch('customer.revealPhone', { customerId: 'C-D' }))).toEqual({ phone: '+373 624 56 789' });
    const audit = till.db.prepare(`SELECT action, subject FROM audit_log WHERE action LIKE 'customer.%' OR action LIKE 'sale.customer%' ORDER BY id`).all();
    expect(audit).toEqual([
      { action: 'sale.customer_attached', subject: attached.id },
      { action: 'sale.customer_detached', subject: attached.id },
      { action: 'customer.phone_shown', subject: 'C-D' },
    ]);
    await till.close();
  });

  it('adds one favourite with her attached, and refuses what is not her favourite or is weighed', async () => {
    const till = openTestTill({ customers: 0 });
    addCustomer(till.db, 'C-U', 'Ulyana Morari', ['+37362123456']);
    const [a, b] = unitSkus(till.db, 2) as [{ sku: string; price: number }, { sku: string; price: number }];
    const weighed = till.db.prepare(`SELECT p.sku FROM products p JOIN store_prices sp ON sp.sku = p.sku WHERE p.sold_by = 'weight' LIMIT 1`).pluck().get() as string;
    for (const sku of [a.sku, weighed]) {
      till.db.prepare(`INSERT INTO favourites (customer_id, sku, channel, added_at) VALUES ('C-U', ?, 'web', '2026-12-01T08:00:00Z')`).run(sku);
    }
    expect(errorCode(await till.dispatch('customer.favouriteToSale', { customerId: 'C-U', sku: b.sku }))).toBe('CUSTOMER_NOT_FAVOURITE');
    expect(errorCode(await till.dispatch('customer.favouriteToSale', { customerId: 'C-U', sku: weighed }))).toBe('CUSTOMER_ITEM_WEIGHED');
    expect(errorCode(await till.dispatch('customer.favouriteToSale', { customerId: 'C-NOBODY', sku: a.sku }))).toBe('CUSTOMER_NOT_FOUND');
    expect(ok(await till.dispatch('sale.current', {}))).toBeNull();
    const sale = ok(await till.dispatch('customer.favouriteToSale', { customerId: 'C-U', sku: a.sku })) as SaleView;
    expect(sale.customer?.id).toBe('C-U');
    expect(sale.lines.map((l) => [l.sku, l.quantity, l.origin])).toEqual([[a.sku, 1, 'favourite']]);
    await till.close();
  });

  it('audits every lookup, found or not, without the number typed, in a log nothing can rewrite', async () => {
    const till = openTestTill({ customers: 0 });
    addCustomer(till.db, 'C-U', 'Ulyana Morari', ['+37362123456']);
    ok(await till.dispatch('customer.lookup', { query: '0621 23 456' }));
    ok(await till.dispatch('customer.lookup', { query: '+373 699 99 998' }));
    ok(await till.dispatch('customer.lookup', { query: '23456' }));
    const rows = till.db.prepare(`SELECT actor, subject, details FROM audit_log WHERE action = 'customer.lookup' ORDER BY id`).all() as {
      actor: string;
      subject: string | null;
      details: string;
    }[];
    expect(rows.map((r) => [r.subject, JSON.parse(r.details)])).toEqual([
      ['C-U', { how: 'phone', phone: '+373 ••• ••• 56', digits: null, found: 1 }],
      [null, { how: 'phone', phone: '+373 ••• ••• 98', digits: null, found: 0 }],
      ['C-U', { how: 'lastDigits', phone: null, digits: 5, found: 1 }],
    ]);
    expect(rows.every((r) => r.actor.length > 0)).toBe(true);
    // The audit commits without an fsync of its own; sales stay fully synchronous.
    expect(till.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(() => till.db.prepare(`UPDATE audit_log SET details = NULL`).run()).toThrow(/append-only/);
    expect(() => till.db.prepare(`DELETE FROM audit_log`).run()).toThrow(/append-only/);
    await till.close();
  });
});
