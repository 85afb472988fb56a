import { ReturnLookupRequest, ReturnLookupResponse, type CentralCardCharge, type CentralSale } from '../../../core/returns/central.js';
import type { Db } from '../db.js';
import { route, type AnyRoute } from '../routes.js';

interface SaleRow {
  id: string;
  till_id: string;
  store_id: string;
  receipt_no: number;
  completed_at: Date;
  currency: CentralSale['currency'];
  customer_id: string | null;
  total_minor: string;
  paid_with: string[];
}

interface LineRow {
  id: string;
  position: number;
  sku: string;
  name: string;
  /** The catalogue's names; null when central's catalogue no longer has the product. */
  name_ru: string | null;
  name_ro: string | null;
  qty_kind: 'unit' | 'weight';
  quantity: number;
  unit_price_minor: string;
  paid: string;
  vat_basis_points: number;
  returned: number;
}

interface CardRow {
  approval_code: string | null;
  card_last4: string | null;
  terminal_reference: string | null;
  amount: string;
  refunded: string;
}

/**
 * The card charge a refund of the sale goes back to: the first card payment's approval, card and
 * the till's reference for it, what the card paid in all and what returns gave back to it. Null
 * when the sale has no card payment or one of them came without its approval (an older till).
 */
async function cardCharge(db: Db, saleId: string): Promise<CentralCardCharge | null> {
  const { rows } = await db.query<CardRow>(
    `SELECT (array_agg(p.approval_code ORDER BY p.id))[1] AS approval_code, (array_agg(p.card_last4 ORDER BY p.id))[1] AS card_last4,
            (array_agg(p.terminal_reference ORDER BY p.id))[1] AS terminal_reference, sum(p.amount_minor) AS amount,
            (SELECT coalesce(sum(r.card_refund_minor), 0) FROM sale_returns r WHERE r.sale_id = $1) AS refunded,
            bool_and(p.approval_code IS NOT NULL AND p.terminal_reference IS NOT NULL) AS complete
     FROM sale_payments p WHERE p.sale_id = $1 AND p.method = 'card' HAVING count(*) > 0`,
    [saleId],
  );
  const row = rows[0] as (CardRow & { complete: boolean }) | undefined;
  if (!row?.complete || !row.approval_code || !row.card_last4 || !row.terminal_reference) return null;
  return { approvalCode: row.approval_code, cardLast4: row.card_last4, reference: row.terminal_reference, amount: Number(row.amount), refunded: Number(row.refunded) };
}

const SALE_COLUMNS = `s.id, s.till_id, s.store_id, s.receipt_no, s.completed_at, s.currency, s.customer_id, s.total_minor,
  coalesce((SELECT array_agg(DISTINCT p.method) FROM sale_payments p WHERE p.sale_id = s.id), '{}') AS paid_with`;

/** A sale of any till of the chain with what every till has returned of it; null when central has none. */
export async function saleForReturn(db: Db, request: ReturnLookupRequest): Promise<CentralSale | null> {
  const { rows } = await ('receiptNo' in request
    ? db.query<SaleRow>(`SELECT ${SALE_COLUMNS} FROM sales s WHERE lower(s.till_id) = lower($1) AND s.receipt_no = $2 ORDER BY s.completed_at DESC LIMIT 1`, [
        request.tillId,
        request.receiptNo,
      ])
    : db.query<SaleRow>(`SELECT ${SALE_COLUMNS} FROM sales s WHERE s.id = $1`, [request.saleId]));
  const sale = rows[0];
  if (!sale) return null;
  const { rows: lines } = await db.query<LineRow>(
    `SELECT l.id, l.position, l.sku, l.name, p.name_ru, p.name_ro, l.qty_kind, l.quantity, l.unit_price_minor, l.line_total_minor - l.discount_minor AS paid,
            l.vat_basis_points,
            coalesce((SELECT sum(rl.quantity) FROM sale_return_lines rl JOIN sale_returns r ON r.id = rl.return_id
                      WHERE rl.line_id = l.id AND r.sale_id = l.sale_id), 0)::int AS returned
     FROM sale_lines l LEFT JOIN products p ON p.sku = l.sku WHERE l.sale_id = $1 ORDER BY l.position`,
    [sale.id],
  );
  const card = sale.paid_with.includes('card') ? await cardCharge(db, sale.id) : null;
  return {
    saleId: sale.id,
    tillId: sale.till_id,
    storeId: sale.store_id,
    receiptNo: sale.receipt_no,
    completedAt: sale.completed_at.toISOString(),
    currency: sale.currency,
    customerId: sale.customer_id,
    total: Number(sale.total_minor),
    paidWith: sale.paid_with,
    card,
    // A line keeps the till's English name; ru and ro come from the catalogue (the English one for a product it no longer has).
    lines: lines.map((l) => ({
      lineId: l.id,
      position: l.position,
      sku: l.sku,
      names: { en: l.name, ru: l.name_ru ?? l.name, ro: l.name_ro ?? l.name },
      qtyKind: l.qty_kind,
      quantity: l.quantity,
      unitPrice: Number(l.unit_price_minor),
      returned: l.returned,
      paid: Number(l.paid),
      vatBasisPoints: l.vat_basis_points,
    })),
  };
}

/** A till finding a sale of another till or store of the chain, to return goods of it. */
export function returnRoutes(db: Db): AnyRoute[] {
  return [
    route({
      method: 'POST',
      url: '/v1/till/returns/lookup',
      auth: 'till',
      tag: 'till',
      summary:
        "A completed sale of any till of this chain by its receipt's sale id or by its till and receipt number, with what has been returned of it and the card charge a refund goes back to; found: false (and whether the till is one of the chain's) otherwise",
      body: ReturnLookupRequest,
      response: ReturnLookupResponse,
      handler: async ({ body }) => {
        const sale = await saleForReturn(db, body);
        if (sale) return { found: true as const, sale };
        if (body.tillId === null) return { found: false as const, tillKnown: true };
        const { rowCount } = await db.query(`SELECT 1 FROM tills WHERE lower(id) = lower($1)`, [body.tillId]);
        return { found: false as const, tillKnown: rowCount > 0 };
      },
    }),
  ];
}
