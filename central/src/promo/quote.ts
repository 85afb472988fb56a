import { z } from 'zod';
import { CURRENCIES } from '../../../core/money.js';
import { evaluate, type PromoResult } from '../../../core/promo/evaluate.js';
import { codeRecordFromDoc, promotionFromCampaign, usageFromCampaigns } from '../../../core/promo/fromSync.js';
import { promotionSet } from '../../../core/promo/promotionSet.js';
import { normalisePromoCode } from '../../../core/scan/resolve.js';
import { CampaignNames, type CampaignDoc, type PromoCodeDoc } from '../../../core/sync/pull.js';
import { text } from '../../../core/text.js';
import type { Db } from '../db.js';

/**
 * The web shop's quote: a cart and codes through the same engine the till runs (core/promo),
 * from the same campaign and code documents central syncs to tills, so the shop and the store
 * can never disagree about a price.
 */
export const QuoteInput = z
  .object({
    currency: z.enum(CURRENCIES),
    lines: z
      .array(
        z
          .object({
            lineId: text({ min: 1, max: 64 }),
            sku: text({ min: 1, max: 64 }),
            category: text({ max: 64 }).optional(),
            brand: text({ max: 64 }).optional(),
            quantity: z.number().int().min(1).max(9_999),
            amountMinor: z.number().int().min(0).max(1_000_000_000),
          })
          .strict(),
      )
      .max(500),
    codes: z.array(z.string().max(64)).max(20).default([]),
    customerId: text({ min: 1, max: 64 }).nullable().default(null),
    /** When the cart is priced; now by default. */
    at: z.iso.datetime({ offset: true }).optional(),
  })
  .strict()
  .refine((q) => new Set(q.lines.map((l) => l.lineId)).size === q.lines.length, 'line ids must be unique');
export type QuoteInput = z.infer<typeof QuoteInput>;

export const QuoteResult = z.object({
  applied: z.array(z.object({ promotionId: z.string(), name: z.string(), names: CampaignNames.optional(), code: z.string().optional(), discount: z.number().int(), lines: z.array(z.object({ lineId: z.string(), discount: z.number().int() })) })),
  rejected: z.array(z.object({ code: z.string(), reason: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() })),
  skipped: z.array(z.object({ promotionId: z.string(), reason: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() })),
  discount: z.number().int(),
  lineDiscounts: z.record(z.string(), z.number().int()),
  subtotal: z.number().int(),
  total: z.number().int(),
});

/** Channel → the engine's channel: the store is the tills'; every online channel prices as the web. */
export async function quote(db: Db, input: QuoteInput): Promise<PromoResult> {
  const at = input.at ?? new Date().toISOString();
  const codes = input.codes.map(normalisePromoCode);
  const { rows: campaigns } = await db.query<{ doc: CampaignDoc }>(
    // Every campaign still running, and the campaign of every code entered (an ended one says "expired", as at the till).
    `SELECT campaign_doc(id) AS doc FROM campaigns
     WHERE ends_at > $1::timestamptz OR id IN (SELECT campaign_id FROM promo_codes WHERE code = ANY($2::text[])) ORDER BY id`,
    [at, codes],
  );
  const { rows: codeDocs } = await db.query<{ doc: PromoCodeDoc }>(
    `SELECT promo_code_doc(code) AS doc FROM promo_codes WHERE code = ANY($1::text[]) OR (customer_id = $2 AND state = 'issued')`,
    [codes, input.customerId],
  );
  const personal = codeDocs.map((r) => r.doc).filter((d) => d.customerId === input.customerId && input.customerId !== null && d.state === 'issued').map((d) => d.code);
  let customer: { id: string; segments: string[]; purchases: number; uses: Record<string, number> } | undefined;
  if (input.customerId !== null) {
    const { rows } = await db.query<{ segments: string[]; purchases: number; uses: Record<string, number> | null }>(
      `SELECT c.segments, (SELECT count(*)::int FROM sales s WHERE s.customer_id = c.id) AS purchases,
              (SELECT jsonb_object_agg(campaign_id, n) FROM (
                 SELECT r.campaign_id, count(*)::int AS n FROM sales s JOIN redemptions r ON r.sale_id = s.id
                 WHERE s.customer_id = c.id AND r.rolled_back_at IS NULL GROUP BY r.campaign_id) u) AS uses
       FROM customers c WHERE c.id = $1`,
      [input.customerId],
    );
    customer = { id: input.customerId, segments: rows[0]?.segments ?? [], purchases: rows[0]?.purchases ?? 0, uses: rows[0]?.uses ?? {} };
  }
  const set = promotionSet(
    campaigns.map((r) => promotionFromCampaign(r.doc, input.currency)),
    codeDocs.map((r) => codeRecordFromDoc(r.doc)),
  );
  // A line the shop sends without its category or brand gets the catalogue's, as a till's line does.
  const { rows: products } = await db.query<{ sku: string; category: string; brand: string | null }>(
    `SELECT sku, category, brand FROM products WHERE sku = ANY($1::text[])`,
    [input.lines.map((l) => l.sku)],
  );
  const catalogue = new Map(products.map((p) => [p.sku, p]));
  const basket = {
    currency: input.currency,
    lines: input.lines.map((l) => {
      const category = l.category || catalogue.get(l.sku)?.category;
      const brand = l.brand || catalogue.get(l.sku)?.brand;
      return { lineId: l.lineId, sku: l.sku, ...(category ? { category } : {}), ...(brand ? { brand } : {}), quantity: l.quantity, amount: l.amountMinor };
    }),
  };
  // Local days (rules.days) online are the chain's days.
  const { rows: zone } = await db.query<{ value: string }>(`SELECT value FROM central_meta WHERE key = 'time_zone'`);
  const entered = [...codes, ...personal.filter((c) => !codes.includes(c))];
  const campaignUsage = usageFromCampaigns(campaigns.map((r) => r.doc));
  const result = evaluate(basket, set, entered, { now: at, channel: 'web', storeId: '', online: true, timeZone: zone[0]?.value ?? 'UTC', campaignUsage, ...(customer ? { customer } : {}) });
  // The shop shows each promotion in its visitor's language, as a till does (core/promo/names.ts).
  const names = new Map(campaigns.map((r) => [r.doc.id, r.doc.names]));
  const applied = result.applied.map((a) => {
    const local = names.get(a.promotionId);
    return local ? { ...a, names: local } : a;
  });
  return { ...result, applied };
}
