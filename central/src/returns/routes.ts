import { ReturnLookupRequest, ReturnLookupResponse, type CentralSale } from '../../../core/returns/central.js';
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
  qty_kind: 'unit' | 'weight';
  quantity: number;
  unit_price_minor: string;
  paid: string;
  vat_basis_points: number;
  returned: number;
}

/** A sale of any till of the chain with what every till has returned of it; null when central has none. */
export async function saleForReturn(db: Db, saleId: string): Promise<CentralSale | null> {
  const { rows } = await db.query<SaleRow>(
    `SELECT s.id, s.till_id, s.store_id, s.receipt_no, s.completed_at, s.currency, s.customer_id, s.total_minor,
            coalesce((SELECT array_agg(DISTINCT p.method) FROM sale_payments p WHERE p.sale_id = s.id), '{}') AS paid_with
     FROM sales s WHERE s.id = $1`,
    [saleId],
  );
  const sale = rows[0];
  if (!sale) return null;
  const { rows: lines } = await db.query<LineRow>(
    `SELECT l.id, l.position, l.sku, l.name, l.qty_kind, l.quantity, l.unit_price_minor, l.line_total_minor - l.discount_minor AS paid,
            l.vat_basis_points,
            coalesce((SELECT sum(rl.quantity) FROM sale_return_lines rl JOIN sale_returns r ON r.id = rl.return_id
                      WHERE rl.line_id = l.id AND r.sale_id = l.sale_id), 0)::int AS returned
     FROM sale_lines l WHERE l.sale_id = $1 ORDER BY l.position`,
    [saleId],
  );
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
    // Central keeps one name per line (the till's English one): it is shown in every language.
    lines: lines.map((l) => ({
      lineId: l.id,
      position: l.position,
      sku: l.sku,
      names: { en: l.name, ru: l.name, ro: l.name },
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
      summary: "A completed sale of any till of this chain by its receipt's sale id, with what has been returned of it; found: false (and whether the receipt's till is one of the chain's) otherwise",
      body: ReturnLookupRequest,
      response: ReturnLookupResponse,
      handler: async ({ body }) => {
        const sale = await saleForReturn(db, body.saleId);
        if (sale) return { found: true as const, sale };
        if (body.tillId === null) return { found: false as const, tillKnown: true };
        const { rowCount } = await db.query(`SELECT 1 FROM tills WHERE id = $1`, [body.tillId]);
        return { found: false as const, tillKnown: rowCount > 0 };
      },
    }),
  ];
}
