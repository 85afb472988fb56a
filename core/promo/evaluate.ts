import { promoCodeCheck } from '../scan/promoCode.js';
import type { Basket, BasketLine, PromoContext, Promotion } from './model.js';
import { allocate, percentOf } from './pricing.js';
import { normalisePromoCode } from '../scan/resolve.js';
import type { IndexedPromotion, PromotionSet } from './promotionSet.js';
import type { PromoReason, Rejection } from './reasons.js';

export interface AppliedPromotion {
  readonly promotionId: string;
  readonly name: string;
  /** The code that unlocked it; absent for an automatic promotion. */
  readonly code?: string;
  /** Total discount, minor units, > 0. */
  readonly discount: number;
  /** The discount spread over lines (sums to `discount`), for the receipt and for returns. */
  readonly lines: readonly { readonly lineId: string; readonly discount: number }[];
}

export interface PromoResult {
  readonly applied: readonly AppliedPromotion[];
  readonly rejected: readonly Rejection[];
  readonly discount: number;
  /** Discount per line id, all promotions together. */
  readonly lineDiscounts: Readonly<Record<string, number>>;
  readonly subtotal: number;
  readonly total: number;
}

interface Candidate {
  readonly indexed: IndexedPromotion;
  readonly code?: string;
}

/** The basket line indexes each promotion's conditions name, in basket order, through the set's indexes. */
function matchingLines(set: PromotionSet, basket: Basket): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const add = (ids: readonly string[] | undefined, i: number) => {
    for (const id of ids ?? []) {
      const list = out.get(id);
      if (!list) out.set(id, [i]);
      else if (list[list.length - 1] !== i) list.push(i);
    }
  };
  basket.lines.forEach((line, i) => {
    add(set.everyLine, i);
    add(set.bySku.get(line.sku), i);
    if (line.category !== undefined) add(set.byCategory.get(line.category), i);
    if (line.brand !== undefined) add(set.byBrand.get(line.brand), i);
  });
  return out;
}

/** The first condition a promotion fails for this basket and context, or null. Line matching is left to the benefit. */
function failedCondition(promotion: Promotion, basket: Basket, subtotal: number, ctx: PromoContext): { reason: PromoReason; params?: Record<string, number> } | null {
  const c = promotion.conditions;
  if (c.validFrom !== undefined && ctx.now < c.validFrom) return { reason: 'not_yet_valid' };
  if (c.validTo !== undefined && ctx.now >= c.validTo) return { reason: 'expired' };
  if (promotion.currency !== basket.currency) return { reason: 'wrong_currency' };
  if (c.channels && !c.channels.includes(ctx.channel)) return { reason: 'wrong_channel' };
  if (c.stores && c.stores.length > 0 && !c.stores.includes(ctx.storeId)) return { reason: 'wrong_store' };
  if (c.segments && c.segments.length > 0 && !c.segments.some((s) => ctx.customer?.segments.includes(s))) return { reason: 'wrong_segment' };
  if (c.firstPurchaseOnly && (ctx.customer === undefined || ctx.customer.purchases > 0)) return { reason: 'not_first_purchase' };
  if (c.perCustomer !== undefined && ctx.customer && (ctx.customer.uses?.[promotion.id] ?? 0) >= c.perCustomer) return { reason: 'per_customer_limit' };
  if (c.minBasket !== undefined && subtotal < c.minBasket) return { reason: 'min_basket', params: { missing: c.minBasket - subtotal } };
  return null;
}

function offlineRefusal(promotion: Promotion, ctx: PromoContext): { reason: PromoReason; params?: Record<string, number> } | null {
  if (ctx.online || promotion.code === undefined) return null;
  // A verified signed offer is allowed offline whatever the policy, within the per-till cap when there is one.
  if (ctx.signedOffers?.includes(promotion.id)) return promotion.offlineCap === undefined ? null : capRefusal(promotion, ctx);
  switch (promotion.offline) {
    case 'allow':
      return null;
    case 'deny':
      return { reason: 'offline_denied' };
    case 'signed_offer_required':
      return { reason: 'signed_offer_required' };
    case 'cap':
      return capRefusal(promotion, ctx);
  }
}

/** The till's offline redemptions of the promotion against its per-till cap (a signed offer too counts against it). */
function capRefusal(promotion: Promotion, ctx: PromoContext): { reason: PromoReason; params?: Record<string, number> } | null {
  const cap = promotion.offlineCap ?? 0;
  return (ctx.offlineUsed?.[promotion.id] ?? 0) >= cap ? { reason: 'offline_cap_reached', params: { cap } } : null;
}

/** Unit prices of a line's remaining amount: integers that sum to it, dearer units first. */
function unitPrices(remaining: number, quantity: number): number[] {
  return allocate(remaining, Array.from({ length: quantity }, () => 1));
}

/** Discount per basket index for one benefit over the lines' remaining amounts. */
function benefitDiscounts(promotion: Promotion, idx: readonly number[], lines: readonly BasketLine[], remaining: readonly number[]): number[] {
  const out = new Array<number>(lines.length).fill(0);
  const b = promotion.benefit;
  const base = idx.reduce((s, i) => s + (remaining[i] as number), 0);
  if (base <= 0) return out;
  if (b.kind === 'percent' || b.kind === 'amount') {
    const total = b.kind === 'percent' ? percentOf(base, Math.min(100, Math.max(0, b.percent))) : Math.min(Math.max(0, b.amount), base);
    const parts = allocate(total, idx.map((i) => remaining[i] as number));
    idx.forEach((i, k) => (out[i] = parts[k] as number));
  } else if (b.kind === 'fixed_price') {
    for (const i of idx) out[i] = Math.max(0, (remaining[i] as number) - b.price * Math.max(1, (lines[i] as BasketLine).quantity));
  } else {
    const units: { i: number; price: number }[] = [];
    for (const i of idx) for (const price of unitPrices(remaining[i] as number, Math.max(1, Math.floor((lines[i] as BasketLine).quantity)))) units.push({ i, price });
    const group = b.buy + b.get;
    const free = group > 0 && b.get > 0 ? Math.floor(units.length / group) * b.get : 0;
    units.sort((x, y) => x.price - y.price || x.i - y.i);
    for (const u of units.slice(0, free)) out[u.i] = (out[u.i] as number) + u.price;
  }
  return out;
}

const order = (a: Candidate, b: Candidate): number =>
  b.indexed.promotion.priority - a.indexed.promotion.priority || (a.indexed.promotion.id < b.indexed.promotion.id ? -1 : a.indexed.promotion.id > b.indexed.promotion.id ? 1 : 0);

/**
 * Applies the automatic promotions and the typed or scanned codes to a basket. Pure and
 * deterministic: the same basket, set, codes and context give the same result on the till and
 * on central. Highest priority first; each benefit works on what earlier ones left of a line;
 * an exclusive promotion applies alone, before or instead of everything else. Every code that
 * does not apply comes back in `rejected` with its reason.
 */
export function evaluate(basket: Basket, set: PromotionSet, codes: readonly string[], ctx: PromoContext): PromoResult {
  const subtotal = basket.lines.reduce((s, l) => s + l.amount, 0);
  const matching = matchingLines(set, basket);
  const rejected: Rejection[] = [];
  const candidates: Candidate[] = [];
  for (const indexed of set.automatic) {
    if (matching.has(indexed.promotion.id) && failedCondition(indexed.promotion, basket, subtotal, ctx) === null) candidates.push({ indexed });
  }
  const seenCodes = new Set<string>();
  const seenPromotions = new Set<string>();
  for (const typed of codes) {
    const code = normalisePromoCode(typed);
    if (seenCodes.has(code)) {
      rejected.push({ code, reason: 'already_applied' });
      continue;
    }
    seenCodes.add(code);
    const record = set.codes.get(code);
    const indexed = record ? set.byId.get(record.promotionId) : undefined;
    if (!record || !indexed) {
      rejected.push({ code, reason: promoCodeCheck(code) === 'mistyped' ? 'mistyped_code' : 'unknown_code' });
      continue;
    }
    const promotion = indexed.promotion;
    const refusal =
      record.status === 'void'
        ? { reason: 'code_void' as const }
        : record.status === 'redeemed'
          ? { reason: 'code_redeemed' as const }
          : record.expiresAt !== undefined && ctx.now >= record.expiresAt
            ? { reason: 'expired' as const }
            : seenPromotions.has(promotion.id)
            ? { reason: 'already_applied' as const }
            : (failedCondition(promotion, basket, subtotal, ctx) ??
              (record.customerId !== undefined && record.customerId !== ctx.customer?.id ? { reason: 'not_your_code' as const } : null) ??
              offlineRefusal(promotion, ctx));
    if (refusal) {
      rejected.push({ code, ...refusal });
      continue;
    }
    seenPromotions.add(promotion.id);
    candidates.push({ indexed, code });
  }
  candidates.sort(order);

  const remaining = basket.lines.map((l) => l.amount);
  const applied: AppliedPromotion[] = [];
  let exclusiveApplied = false;
  for (const candidate of candidates) {
    const { promotion } = candidate.indexed;
    const reject = (reason: PromoReason) => candidate.code !== undefined && rejected.push({ code: candidate.code, reason });
    if (exclusiveApplied || (promotion.exclusive && applied.length > 0)) {
      reject('excluded_by_exclusive');
      continue;
    }
    const idx = (matching.get(promotion.id) ?? []).filter((i) => (remaining[i] as number) > 0);
    const discounts = benefitDiscounts(promotion, idx, basket.lines, remaining);
    const discount = discounts.reduce((a, b) => a + b, 0);
    if (discount <= 0) {
      reject('no_matching_items');
      continue;
    }
    const lines: { lineId: string; discount: number }[] = [];
    discounts.forEach((d, i) => {
      if (d <= 0) return;
      remaining[i] = (remaining[i] as number) - d;
      lines.push({ lineId: (basket.lines[i] as BasketLine).lineId, discount: d });
    });
    applied.push({ promotionId: promotion.id, name: promotion.name, ...(candidate.code !== undefined ? { code: candidate.code } : {}), discount, lines });
    if (promotion.exclusive) exclusiveApplied = true;
  }
  const lineDiscounts: Record<string, number> = {};
  basket.lines.forEach((l, i) => {
    const d = l.amount - (remaining[i] as number);
    if (d > 0) lineDiscounts[l.lineId] = (lineDiscounts[l.lineId] ?? 0) + d;
  });
  const discount = subtotal - remaining.reduce((a, b) => a + b, 0);
  return { applied, rejected, discount, lineDiscounts, subtotal, total: subtotal - discount };
}
