import { TillError } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import type { CompletedSaleView } from '../../../core/sale/contract.js';
import type { ShiftView } from '../../../core/shift/contract.js';
import { countedTotal, type Counts } from '../../../core/shift/denominations.js';
import type { ShiftReport } from '../../../core/shift/report.js';
import { interruptedBetween } from '../payment/interrupted.js';
import type { ShiftClosedPayload } from '../../../core/sync/ops.js';
import type { VatBreakdownRow } from '../../../core/sale/sale.js';
import { audit as writeAudit, statement, type TillDatabase } from '../db.js';
import type { TillSettings } from '../settings.js';
import type { ActorSource } from '../staff/actor.js';

/** What every shift operation works over. */
export interface ShiftDeps {
  readonly db: TillDatabase;
  readonly settings: TillSettings;
  readonly now: () => Date;
  readonly actor: ActorSource;
}

interface ShiftRow {
  id: string;
  till_id: string;
  store_id: string;
  currency: ShiftReport['currency'];
  status: 'open' | 'closed';
  opened_at: string;
  opened_by: string;
  float_minor: number;
  report: string | null;
}

function openShift(d: ShiftDeps): ShiftRow | undefined {
  return statement(d.db, `SELECT * FROM shifts WHERE till_id = ? AND status = 'open'`).get(d.settings.tillId) as ShiftRow | undefined;
}

function requireOpenShift(d: ShiftDeps): ShiftRow {
  const shift = openShift(d);
  if (!shift) throw new TillError('SHIFT_NOT_OPEN');
  return shift;
}

function addTotals(d: ShiftDeps, shiftId: string, totals: Readonly<Record<string, number>>): void {
  const add = statement(
    d.db,
    `INSERT INTO shift_totals (shift_id, key, value) VALUES (?, ?, ?) ON CONFLICT (shift_id, key) DO UPDATE SET value = value + excluded.value`,
  );
  for (const [key, value] of Object.entries(totals)) if (value !== 0) add.run(shiftId, key, value);
}

function totalsOf(d: ShiftDeps, shiftId: string): Map<string, number> {
  const rows = statement(d.db, 'SELECT key, value FROM shift_totals WHERE shift_id = ?').all(shiftId) as { key: string; value: number }[];
  return new Map(rows.map((r) => [r.key, r.value]));
}

function audit(d: ShiftDeps, action: string, subject: string, details: unknown): void {
  const who = d.actor();
  writeAudit(d.db, { at: d.now().toISOString(), tillId: d.settings.tillId, actor: who.name, actorId: who.id, action, subject, details });
}

/** Float + cash taken − cash refunded + cash in − cash out: what the drawer should hold. */
function expectedCash(shift: ShiftRow, t: Map<string, number>): number {
  const get = (k: string) => t.get(k) ?? 0;
  return shift.float_minor + get('pay.cash') - get('refund.cash') + get('cash.in') - get('cash.out');
}

function view(d: ShiftDeps, shift: ShiftRow): ShiftView {
  const t = totalsOf(d, shift.id);
  return {
    id: shift.id,
    status: shift.status,
    openedAt: shift.opened_at,
    openedBy: shift.opened_by,
    float: shift.float_minor,
    expectedCash: expectedCash(shift, t),
    salesCount: t.get('sales.count') ?? 0,
  };
}

function report(d: ShiftDeps, shift: ShiftRow, kind: 'X' | 'Z', at: string, counted: number | null, zNo: number | null): ShiftReport {
  const t = totalsOf(d, shift.id);
  const get = (k: string) => t.get(k) ?? 0;
  const payments: ShiftReport['payments'] = [];
  const rates = new Set<number>();
  for (const key of [...t.keys()].sort()) {
    const pay = /^pay\.([a-z]+)$/.exec(key);
    if (pay) payments.push({ method: pay[1] as string, amount: get(key) - get(`refund.${pay[1]}`) });
    const vat = /^vat\.(\d+)\.gross$/.exec(key);
    if (vat) rates.add(Number(vat[1]));
  }
  const expected = expectedCash(shift, t);
  return {
    kind,
    shiftId: shift.id,
    zNo,
    tillId: shift.till_id,
    storeId: shift.store_id,
    currency: shift.currency,
    openedAt: shift.opened_at,
    openedBy: shift.opened_by,
    at,
    by: d.actor().name,
    float: shift.float_minor,
    sales: { count: get('sales.count'), gross: get('sales.gross') },
    returns: { count: get('returns.count'), gross: get('returns.gross') },
    storeCredit: { issued: get('refund.storeCredit'), taken: get('pay.voucher') },
    discounts: get('discounts'),
    noSales: get('drawer.noSale'),
    noSalesBeforeShift: get('drawer.noSaleBeforeShift'),
    payments,
    vat: [...rates]
      .sort((a, b) => b - a)
      .map((bp) => ({ basisPoints: bp, gross: get(`vat.${bp}.gross`), net: get(`vat.${bp}.net`), vat: get(`vat.${bp}.vat`) })),
    cashIn: get('cash.in'),
    cashOut: get('cash.out'),
    expectedCash: expected,
    countedCash: counted,
    difference: counted === null ? null : counted - expected,
    interrupted: interruptedBetween(d.db, shift.opened_at, at),
  };
}

function counted(d: ShiftDeps, counts: Counts): number {
  const total = countedTotal(d.settings.currency, counts);
  if (total === null) throw new TillError('SHIFT_BAD_COUNT');
  return total;
}

export function currentShift(d: ShiftDeps): ShiftView | null {
  const shift = openShift(d);
  return shift ? view(d, shift) : null;
}

/** Opens a shift with the float counted by denomination in the store's currency. */
export function startShift(d: ShiftDeps, float: Counts): ShiftView {
  const total = counted(d, float);
  return d.db.transaction(() => {
    if (openShift(d)) throw new TillError('SHIFT_ALREADY_OPEN');
    const who = d.actor();
    const id = newId(d.now().getTime());
    statement(
      d.db,
      `INSERT INTO shifts (id, till_id, store_id, currency, status, opened_at, opened_by, opened_by_id, float_minor, float_counts)
       VALUES (?, ?, ?, ?, 'open', ?, ?, ?, ?, ?)`,
    ).run(id, d.settings.tillId, d.settings.storeId, d.settings.currency, d.now().toISOString(), who.name, who.id, total, JSON.stringify(float));
    const before = takeOpeningsBefore(d, id);
    audit(d, 'shift.opened', id, before > 0 ? { float: total, drawerOpenedBefore: before } : { float: total });
    return view(d, requireOpenShift(d));
  })();
}

/** Cash put into or taken out of the drawer, with a reason; more than it should hold cannot go out. */
export function moveCash(d: ShiftDeps, kind: 'in' | 'out', amount: number, reason: string): ShiftView {
  return d.db.transaction(() => {
    const shift = requireOpenShift(d);
    const expected = expectedCash(shift, totalsOf(d, shift.id));
    if (kind === 'out' && amount > expected) throw new TillError('SHIFT_CASH_SHORT', { expected: (expected / 100).toFixed(2) });
    const who = d.actor();
    const id = newId(d.now().getTime());
    statement(d.db, `INSERT INTO shift_cash_moves (id, shift_id, kind, amount, reason, at, actor, actor_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(
      id,
      shift.id,
      kind,
      amount,
      reason,
      d.now().toISOString(),
      who.name,
      who.id,
    );
    addTotals(d, shift.id, { [`cash.${kind}`]: amount });
    audit(d, `shift.cash_${kind}`, shift.id, { amount, reason });
    return view(d, shift);
  })();
}

/** The X report: the running totals now; the shift stays open. */
export function xReport(d: ShiftDeps): ShiftReport {
  const shift = requireOpenShift(d);
  const x = report(d, shift, 'X', d.now().toISOString(), null, null);
  audit(d, 'shift.x_report', shift.id, { expectedCash: x.expectedCash });
  return x;
}

function closedPayload(r: ShiftReport, closedAt: string): ShiftClosedPayload {
  return {
    shiftId: r.shiftId,
    tillId: r.tillId,
    storeId: r.storeId,
    zNo: r.zNo as number,
    currency: r.currency,
    openedAt: r.openedAt,
    closedAt,
    openedBy: r.openedBy,
    closedBy: r.by,
    floatMinor: r.float,
    salesCount: r.sales.count,
    salesGrossMinor: r.sales.gross,
    returnsCount: r.returns.count,
    returnsGrossMinor: r.returns.gross,
    discountsMinor: r.discounts,
    noSales: r.noSales,
    noSalesBeforeShift: r.noSalesBeforeShift,
    payments: r.payments.map((p) => ({ method: p.method, amountMinor: p.amount })),
    vat: r.vat.map((v) => ({ vatBasisPoints: v.basisPoints, grossMinor: v.gross, netMinor: v.net, vatMinor: v.vat })),
    cashInMinor: r.cashIn,
    cashOutMinor: r.cashOut,
    expectedCashMinor: r.expectedCash,
    countedCashMinor: r.countedCash as number,
  };
}

/**
 * The Z close: refused while a sale is open; the counted cash, the frozen report, the next Z
 * number, the `shift.closed` op and the audit row commit in one transaction, so a crash leaves
 * the shift open (close it again) or closed (a second close is refused), never half closed.
 */
export function closeShift(d: ShiftDeps, counts: Counts, saleOpen: boolean): ShiftReport {
  const total = counted(d, counts);
  return d.db.transaction(() => {
    const shift = requireOpenShift(d);
    if (saleOpen) throw new TillError('SHIFT_SALE_OPEN');
    const at = d.now().toISOString();
    const zNo = statement(d.db, `INSERT INTO counters (name, value) VALUES ('z_no', 1) ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value`)
      .pluck()
      .get() as number;
    const z = report(d, shift, 'Z', at, total, zNo);
    const who = d.actor();
    statement(
      d.db,
      `UPDATE shifts SET status = 'closed', closed_at = ?, closed_by = ?, closed_by_id = ?, counted_minor = ?, counted_counts = ?, z_no = ?, report = ?
       WHERE id = ? AND status = 'open'`,
    ).run(at, who.name, who.id, total, JSON.stringify(counts), zNo, JSON.stringify(z), shift.id);
    statement(d.db, `INSERT INTO outbox (op_id, op_type, entity_id, payload, created_at) VALUES (?, 'shift.closed', ?, ?, ?)`).run(
      newId(d.now().getTime()),
      shift.id,
      JSON.stringify(closedPayload(z, at)),
      at,
    );
    audit(d, 'shift.closed', shift.id, { zNo, expectedCash: z.expectedCash, countedCash: total });
    return z;
  })();
}

/** Inside the sale's completion transaction: its takings join the open shift's running totals. */
export function recordSaleInShift(d: ShiftDeps, sale: CompletedSaleView): void {
  const shift = openShift(d);
  if (!shift) return;
  const totals: Record<string, number> = { 'sales.count': 1, 'sales.gross': sale.sale.totals.total, discounts: sale.sale.totals.discount };
  for (const p of sale.payments) totals[`pay.${p.method}`] = (totals[`pay.${p.method}`] ?? 0) + p.amount;
  for (const v of sale.sale.totals.vat) {
    totals[`vat.${v.basisPoints}.gross`] = v.gross;
    totals[`vat.${v.basisPoints}.net`] = v.net;
    totals[`vat.${v.basisPoints}.vat`] = v.vat;
  }
  addTotals(d, shift.id, totals);
}

/**
 * Inside the "No sale" transaction: the drawer opening counts in the open shift. With no shift
 * open it is kept for the next shift to open, which counts it as opened before it (the drawer
 * may need opening before a shift: the float is counted into it). `count`: how many this shift
 * has had, or how many wait for the next one; `beforeShift` says which.
 */
export function recordNoSaleInShift(d: ShiftDeps, opening: { id: string; at: string; reason: string }): { count: number; beforeShift: boolean } {
  const shift = openShift(d);
  if (shift) {
    addTotals(d, shift.id, { 'drawer.noSale': 1 });
    return { count: totalsOf(d, shift.id).get('drawer.noSale') ?? 0, beforeShift: false };
  }
  const who = d.actor();
  statement(d.db, 'INSERT INTO drawer_openings_before_shift (id, opened_at, by_name, by_id, reason) VALUES (?, ?, ?, ?, ?)').run(opening.id, opening.at, who.name, who.id, opening.reason);
  return { count: statement(d.db, 'SELECT COUNT(*) FROM drawer_openings_before_shift WHERE shift_id IS NULL').pluck().get() as number, beforeShift: true };
}

/** Inside the shift's opening: every drawer opening no shift has counted yet is this shift's, before it. */
function takeOpeningsBefore(d: ShiftDeps, shiftId: string): number {
  const taken = statement(d.db, 'UPDATE drawer_openings_before_shift SET shift_id = ? WHERE shift_id IS NULL').run(shiftId).changes;
  addTotals(d, shiftId, { 'drawer.noSaleBeforeShift': taken });
  return taken;
}

/** What the open shift's drawer should hold now; null with no shift open. */
export function cashInDrawer(d: ShiftDeps): number | null {
  const shift = openShift(d);
  return shift ? expectedCash(shift, totalsOf(d, shift.id)) : null;
}

/**
 * Inside the return's transaction: the refund joins the open shift's running totals (returns,
 * refunds per method) and takes its VAT back off the rates it was sold at.
 */
/** A return in the open shift's running totals; a card refund's `card` share is `refund.card`, the rest of it `refund.cash`. */
export function recordReturnInShift(d: ShiftDeps, refund: { method: string; amount: number; card: number; vat: readonly VatBreakdownRow[] }): void {
  const shift = openShift(d);
  if (!shift) return;
  const totals: Record<string, number> = { 'returns.count': 1, 'returns.gross': refund.amount };
  if (refund.card > 0) totals['refund.card'] = refund.card;
  if (refund.amount > refund.card) totals[`refund.${refund.method === 'card' ? 'cash' : refund.method}`] = refund.amount - refund.card;
  for (const v of refund.vat) {
    totals[`vat.${v.basisPoints}.gross`] = -v.gross;
    totals[`vat.${v.basisPoints}.net`] = -v.net;
    totals[`vat.${v.basisPoints}.vat`] = -v.vat;
  }
  addTotals(d, shift.id, totals);
}
