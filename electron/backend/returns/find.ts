import { TillError } from '../../../core/errors.js';
import { refundMethodsFor, ReturnLookupResponse, type CentralCardCharge, type ReturnLookupRequest } from '../../../core/returns/central.js';
import type { ReturnableSale } from '../../../core/returns/contract.js';
import type { CompletedSaleView } from '../../../core/sale/contract.js';
import { resolveScan } from '../../../core/scan/resolve.js';
import { statement } from '../db.js';
import type { ReturnDeps } from './deps.js';

/** How long a return waits for central: the customer is at the till, and there is no fallback to wait for. */
const CENTRAL_LOOKUP_MS = 3000;

type Query = { readonly receiptNo: number; readonly tillId: string } | { readonly saleId: string; readonly tillId: string | null };

/**
 * A receipt's number across the chain is the till and the number printed on it, `MD-CHI-01-T1/12`
 * (a space or a dash may stand for the slash); a number alone is this till's. Otherwise a
 * receipt's QR code or e-receipt link from any input path.
 */
const TYPED_NUMBER = /^(?:([A-Za-z0-9_-]{1,64})\s*[/\s-]\s*)?(\d{1,9})$/;

function parseQuery(raw: string, thisTill: string): Query {
  const text = raw.trim();
  const typed = TYPED_NUMBER.exec(text);
  if (typed) {
    const tillId = typed[1] ?? thisTill;
    return { receiptNo: Number(typed[2]), tillId: tillId.toLowerCase() === thisTill.toLowerCase() ? thisTill : tillId };
  }
  const resolved = resolveScan(text);
  if (resolved.kind !== 'receipt') throw new TillError('RETURN_NOT_A_RECEIPT');
  return { saleId: resolved.saleId, tillId: resolved.tillId };
}

/** Sales of other tills paid by card whose approval central does not hold: a cash refund of them needs a manager. */
const cashForCard = new WeakMap<ReturnDeps, Set<string>>();

/** Whether a cash refund of this sale stands in for a card refund that cannot be made here (a manager approves it). */
export function cashStandsForCard(d: ReturnDeps, saleId: string): boolean {
  return cashForCard.get(d)?.has(saleId) ?? false;
}

/** Quantities of each line of a sale already returned on this till (`unacknowledged`: only returns central has not recorded yet). */
export function returnedHere(d: ReturnDeps, saleId: string, unacknowledged: boolean): Map<string, number> {
  const rows = statement(
    d.db,
    `SELECT l.line_id AS lineId, SUM(l.quantity) AS quantity FROM return_lines l JOIN returns r ON r.id = l.return_id
     WHERE r.sale_id = @sale AND (@pending = 0 OR NOT EXISTS (SELECT 1 FROM outbox o WHERE o.op_type = 'sale.returned' AND o.entity_id = r.id AND o.status = 'done'))
     GROUP BY l.line_id`,
  ).all({ sale: saleId, pending: unacknowledged ? 1 : 0 }) as { lineId: string; quantity: number }[];
  return new Map(rows.map((r) => [r.lineId, r.quantity]));
}

function fromLocal(d: ReturnDeps, completed: CompletedSaleView): ReturnableSale {
  const { sale } = completed;
  const returned = returnedHere(d, sale.id, false);
  return {
    saleId: sale.id,
    tillId: completed.tillId,
    storeId: d.settings.storeId,
    receiptNo: sale.receiptNo as number,
    completedAt: sale.closedAt as string,
    currency: sale.currency,
    source: 'till',
    customerId: sale.customer?.id ?? null,
    total: sale.totals.total,
    refundMethods: refundMethodsFor(completed.payments.map((p) => p.method)),
    cardApprovalUnknown: false,
    lines: sale.lines
      .filter((l) => !l.voided)
      .map((l) => ({
        lineId: l.id,
        position: l.position,
        sku: l.sku,
        names: l.names,
        qtyKind: l.qtyKind,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        returned: returned.get(l.id) ?? 0,
        paid: l.lineTotal - l.discount,
        vatBasisPoints: l.vatBasisPoints,
      })),
  };
}

/** A sale of another till as central answered for it, with the card charge a refund goes back to (null: none, or not known). */
export interface FromCentral {
  readonly sale: ReturnableSale;
  readonly card: CentralCardCharge | null;
}

/** Another till's or store's sale, from central, with what central has recorded as returned of it. */
async function fromCentral(d: ReturnDeps, request: ReturnLookupRequest): Promise<FromCentral> {
  const typed = 'receiptNo' in request ? { till: request.tillId, no: request.receiptNo } : null;
  const answer = await d.central('/v1/till/returns/lookup', request, CENTRAL_LOOKUP_MS);
  const parsed = answer?.status === 200 ? ReturnLookupResponse.safeParse(answer.json) : null;
  if (!parsed?.success) throw typed ? new TillError('RETURN_NUMBER_OFFLINE', typed) : new TillError('RETURN_OFFLINE');
  if (!parsed.data.found) {
    if (typed) throw new TillError(parsed.data.tillKnown ? 'RETURN_NUMBER_NOT_FOUND' : 'RETURN_UNKNOWN_TILL', typed);
    throw new TillError(parsed.data.tillKnown ? 'RETURN_SALE_NOT_FOUND' : 'RETURN_OTHER_CHAIN');
  }
  const { paidWith, card, ...sale } = parsed.data.sale;
  const unknown = paidWith.includes('card') && !card;
  const marked = cashForCard.get(d) ?? new Set<string>();
  cashForCard.set(d, marked);
  if (unknown) marked.add(sale.saleId);
  else marked.delete(sale.saleId);
  return { sale: { ...sale, source: 'central', refundMethods: refundMethodsFor(paidWith, !unknown), cardApprovalUnknown: unknown }, card: card ?? null };
}

/** The names of the products this till's catalogue has, by SKU. */
function cachedNames(d: ReturnDeps, skus: readonly string[]): Map<string, ReturnableSale['lines'][number]['names']> {
  const rows = statement(d.db, `SELECT sku, name_en AS en, name_ru AS ru, name_ro AS ro FROM products WHERE sku IN (SELECT value FROM json_each(?))`).all(
    JSON.stringify(skus),
  ) as { sku: string; en: string; ru: string; ro: string }[];
  return new Map(rows.map(({ sku, ...names }) => [sku, names]));
}

/**
 * A sale central answered for, plus what this till returned of it that central has not recorded
 * yet; its products named as this till's catalogue names them (in every UI language), else as central does.
 */
export function withReturnsHere(d: ReturnDeps, sale: ReturnableSale): ReturnableSale {
  const pending = returnedHere(d, sale.saleId, true);
  const names = cachedNames(d, [...new Set(sale.lines.map((l) => l.sku))]);
  return { ...sale, lines: sale.lines.map((l) => ({ ...l, names: names.get(l.sku) ?? l.names, returned: l.returned + (pending.get(l.lineId) ?? 0) })) };
}

/** The sale a receipt names: this till's own records first, then central for another till or store of the chain. */
export async function findSale(d: ReturnDeps, query: string): Promise<ReturnableSale> {
  const thisTill = d.settings.tillId;
  const q = parseQuery(query, thisTill);
  if ('receiptNo' in q) {
    if (q.tillId !== thisTill) return withReturnsHere(d, (await fromCentral(d, { tillId: q.tillId, receiptNo: q.receiptNo })).sale);
    const local = d.sales.completedSale({ receiptNo: q.receiptNo });
    if (!local) throw new TillError('RETURN_NUMBER_NOT_FOUND', { till: thisTill, no: q.receiptNo });
    return fromLocal(d, local);
  }
  const local = d.sales.completedSale({ saleId: q.saleId });
  if (local) return fromLocal(d, local);
  if (q.tillId === thisTill) throw new TillError('RETURN_SALE_NOT_FOUND');
  return withReturnsHere(d, (await fromCentral(d, { saleId: q.saleId, tillId: q.tillId })).sale);
}

/** The same sale again just before a return commits: this till's answer now, or central's. */
export function localSale(d: ReturnDeps, saleId: string): ReturnableSale | null {
  const local = d.sales.completedSale({ saleId });
  return local ? fromLocal(d, local) : null;
}

/** Central's record of the sale and its card charge, without this till's unrecorded returns (add them inside the commit). */
export function centralSale(d: ReturnDeps, saleId: string): Promise<FromCentral> {
  return fromCentral(d, { saleId, tillId: null });
}
