import { TillError } from '../../../core/errors.js';
import { refundMethodsFor, ReturnLookupResponse } from '../../../core/returns/central.js';
import type { ReturnableSale } from '../../../core/returns/contract.js';
import type { CompletedSaleView } from '../../../core/sale/contract.js';
import { resolveScan } from '../../../core/scan/resolve.js';
import { statement } from '../db.js';
import type { ReturnDeps } from './deps.js';

/** How long a return waits for central: the customer is at the till, and there is no fallback to wait for. */
const CENTRAL_LOOKUP_MS = 3000;

type Query = { readonly receiptNo: number } | { readonly saleId: string; readonly tillId: string | null };

/** A receipt number typed (this till's), or a receipt's QR code or e-receipt link from any input path. */
function parseQuery(raw: string): Query {
  const text = raw.trim();
  if (/^\d{1,9}$/.test(text)) return { receiptNo: Number(text) };
  const resolved = resolveScan(text);
  if (resolved.kind !== 'receipt') throw new TillError('RETURN_NOT_A_RECEIPT');
  return { saleId: resolved.saleId, tillId: resolved.tillId };
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

/** Another till's or store's sale, from central, with what central has recorded as returned of it. */
async function fromCentral(d: ReturnDeps, saleId: string, tillId: string | null): Promise<ReturnableSale> {
  const answer = await d.central('/v1/till/returns/lookup', { saleId, tillId }, CENTRAL_LOOKUP_MS);
  if (answer === null) throw new TillError('RETURN_OFFLINE');
  const parsed = answer.status === 200 ? ReturnLookupResponse.safeParse(answer.json) : null;
  if (!parsed?.success) throw new TillError('RETURN_OFFLINE');
  if (!parsed.data.found) throw new TillError(parsed.data.tillKnown ? 'RETURN_SALE_NOT_FOUND' : 'RETURN_OTHER_CHAIN');
  const { paidWith, ...sale } = parsed.data.sale;
  return { ...sale, source: 'central', refundMethods: refundMethodsFor(paidWith) };
}

/** A sale central answered for, plus what this till returned of it that central has not recorded yet. */
export function withReturnsHere(d: ReturnDeps, sale: ReturnableSale): ReturnableSale {
  const pending = returnedHere(d, sale.saleId, true);
  return { ...sale, lines: sale.lines.map((l) => ({ ...l, returned: l.returned + (pending.get(l.lineId) ?? 0) })) };
}

/** The sale a receipt names: this till's own records first, then central for another till or store of the chain. */
export async function findSale(d: ReturnDeps, query: string): Promise<ReturnableSale> {
  const q = parseQuery(query);
  const local = d.sales.completedSale(q);
  if (local) return fromLocal(d, local);
  if ('receiptNo' in q || q.tillId === d.settings.tillId) throw new TillError('RETURN_SALE_NOT_FOUND');
  return withReturnsHere(d, await fromCentral(d, q.saleId, q.tillId));
}

/** The same sale again just before a return commits: this till's answer now, or central's. */
export function localSale(d: ReturnDeps, saleId: string): ReturnableSale | null {
  const local = d.sales.completedSale({ saleId });
  return local ? fromLocal(d, local) : null;
}

/** Central's record of the sale, without this till's unrecorded returns (add them inside the commit). */
export function centralSale(d: ReturnDeps, saleId: string): Promise<ReturnableSale> {
  return fromCentral(d, saleId, null);
}
