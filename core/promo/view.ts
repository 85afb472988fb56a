import { z } from 'zod';
import { PROMO_REASONS } from './reasons.js';
import { CampaignNames } from '../sync/pull.js';

/** What the sale screen, the receipt and the customer display show of a sale's promotions. */

const Minor = z.number().int();

export const AppliedPromoView = z.object({
  promotionId: z.string(),
  name: z.string(),
  /** The name in each UI language the campaign has one in (localName picks by language). */
  names: CampaignNames.optional(),
  /** The code that unlocked it; null for an automatic promotion. */
  code: z.string().nullable(),
  discount: Minor,
  lines: z.array(z.object({ lineId: z.string(), discount: Minor })),
});
export type AppliedPromoView = z.infer<typeof AppliedPromoView>;

/** A code on the sale: applied, or waiting with the reason it does not apply yet (add items, attach her). */
export const SaleCodeView = z.object({
  code: z.string(),
  /** Entered by the cashier, or her personal offer found when she was attached. */
  source: z.enum(['entered', 'customer']),
  applied: z.boolean(),
  reason: z.enum(PROMO_REASONS).nullable(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type SaleCodeView = z.infer<typeof SaleCodeView>;

export const PromoView = z.object({ applied: z.array(AppliedPromoView), codes: z.array(SaleCodeView) });
export type PromoView = z.infer<typeof PromoView>;

export const NO_PROMOTIONS: PromoView = { applied: [], codes: [] };

/** Discount per line id over every applied promotion. */
export function lineDiscounts(promo: PromoView): Map<string, number> {
  const out = new Map<string, number>();
  for (const a of promo.applied) for (const l of a.lines) out.set(l.lineId, (out.get(l.lineId) ?? 0) + l.discount);
  return out;
}
