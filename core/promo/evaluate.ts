import { promoCodeCheck } from '../scan/promoCode.js';
import type { Basket, BasketLine, PromoContext, Promotion, PromoReward } from './model.js';
import { allocate, percentOf } from './pricing.js';
import { normalisePromoCode } from '../scan/resolve.js';
import type { IndexedPromotion, PromotionSet } from './promotionSet.js';
import type { PromoReason, Rejection, Skipped } from './reasons.js';

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
  /** Every code entered that did not apply, with its reason. */
  readonly rejected: readonly Rejection[];
  /** Automatic promotions that matched lines but did not apply for a reason the sale can change (README.md). */
  readonly skipped: readonly Skipped[];
  readonly discount: number;
  /** Discount per line id, all promotions together. */
  readonly lineDiscounts: Readonly<Record<string, number>>;
  readonly subtotal: number;
  readonly total: number;
}

interface Refusal {
  readonly reason: PromoReason;
  readonly params?: Record<string, number | string>;
}

interface Candidate {
  readonly indexed: IndexedPromotion;
  readonly code?: string;
}

/** The basket line indexes each promotion's conditions name, in basket order, through the set's indexes. */
function matchingLines(set: PromotionSet, lines: readonly BasketLine[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const add = (ids: readonly string[] | undefined, i: number) => {
    for (const id of ids ?? []) {
      const list = out.get(id);
      if (!list) out.set(id, [i]);
      else if (list[list.length - 1] !== i) list.push(i);
    }
  };
  lines.forEach((line, i) => {
    add(set.everyLine, i);
    add(set.bySku.get(line.sku), i);
    if (line.category !== undefined) add(set.byCategory.get(line.category), i);
    if (line.brand !== undefined) add(set.byBrand.get(line.brand), i);
  });
  return out;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (YYYY-MM-DD) an instant falls on in a time zone. */
export function localDay(iso: string, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format.format(new Date(iso));
}

/** Reasons no change to the sale can undo: an automatic promotion refused for one is not reported. */
const FIXED_REASONS: ReadonlySet<PromoReason> = new Set(['expired', 'not_yet_valid', 'no_currency', 'wrong_currency', 'wrong_channel', 'wrong_store']);

/** The first condition that does not depend on the lines which the promotion fails, or null. */
function staticRefusal(promotion: Promotion, basket: Basket, ctx: PromoContext, today: () => string): Refusal | null {
  const c = promotion.conditions;
  if (c.days) {
    const day = today();
    if (day < c.days.first) return { reason: 'not_yet_valid' };
    if (day > c.days.last) return { reason: 'expired' };
  } else {
    if (c.validFrom !== undefined && ctx.now < c.validFrom) return { reason: 'not_yet_valid' };
    if (c.validTo !== undefined && ctx.now >= c.validTo) return { reason: 'expired' };
  }
  if (promotion.currency === null) return { reason: 'no_currency' };
  if (promotion.currency !== basket.currency) return { reason: 'wrong_currency' };
  if (c.channels && !c.channels.includes(ctx.channel)) return { reason: 'wrong_channel' };
  if (c.stores && c.stores.length > 0 && !c.stores.includes(ctx.storeId)) return { reason: 'wrong_store' };
  const usage = ctx.campaignUsage?.[promotion.id];
  if (promotion.maxUses !== undefined && (usage?.uses ?? 0) >= promotion.maxUses) return { reason: 'usage_exhausted' };
  if (promotion.budget !== undefined && (usage?.spent ?? 0) >= promotion.budget) return { reason: 'budget_exhausted' };
  const customer = ctx.customer;
  const named = c.customers !== undefined && c.customers.length > 0;
  const segments = c.segments !== undefined && c.segments.length > 0;
  if (customer === undefined) return named || segments || c.firstPurchaseOnly ? { reason: 'customer_required' } : null;
  if (named && !c.customers?.includes(customer.id)) return { reason: 'wrong_customer' };
  if (segments && !c.segments?.some((s) => customer.segments.includes(s))) return { reason: 'wrong_segment' };
  if (c.firstPurchaseOnly && customer.purchases > 0) return { reason: 'not_first_purchase' };
  if (c.perCustomer !== undefined && (customer.uses?.[promotion.id] ?? 0) >= c.perCustomer) return { reason: 'per_customer_limit' };
  return null;
}

function offlineRefusal(promotion: Promotion, ctx: PromoContext): Refusal | null {
  if (ctx.online || promotion.code === undefined) return null;
  // A verified signed offer is allowed offline whatever the policy, within the per-till cap when there is one.
  if (ctx.signedOffers?.includes(promotion.id)) return promotion.offlineCap === undefined ? null : capRefusal(promotion, ctx);
  switch (promotion.offline) {
    case 'allow':
      return null;
    case 'deny':
      return { reason: 'offline_not_allowed' };
    case 'signed_offer_required':
      return { reason: 'signed_offer_required' };
    case 'cap':
      return capRefusal(promotion, ctx);
  }
}

/** The till's offline redemptions of the promotion against its per-till cap (a signed offer too counts against it). */
function capRefusal(promotion: Promotion, ctx: PromoContext): Refusal | null {
  const cap = promotion.offlineCap ?? 0;
  return (ctx.offlineUsed?.[promotion.id] ?? 0) >= cap ? { reason: 'offline_cap_reached', params: { cap } } : null;
}

/**
 * Units of one price on one line. A line's remaining amount over its units is `base` or `base + 1`
 * each (the dearer ones first), so a line is at most two runs.
 */
interface Run {
  readonly i: number;
  readonly price: number;
  count: number;
}

const unitsOf = (line: BasketLine): number => Math.max(1, Math.floor(line.quantity));

function runsOf(i: number, remaining: number, units: number): Run[] {
  const base = Math.floor(remaining / units);
  const extra = remaining - base * units;
  const out: Run[] = [];
  if (extra > 0) out.push({ i, price: base + 1, count: extra });
  if (units - extra > 0) out.push({ i, price: base, count: units - extra });
  return out;
}

/** Dearest first, ties to the earlier line. */
const dearFirst = (a: Run, b: Run): number => b.price - a.price || a.i - b.i;

/** What the reward units of a line pay off: free, a percent of their sum, an amount off each. */
function rewardOff(reward: PromoReward, sum: number, units: readonly Run[]): number {
  if (reward.kind === 'free') return sum;
  if (reward.kind === 'percent') return percentOf(sum, Math.min(100, reward.percent));
  return units.reduce((s, u) => s + u.count * Math.min(u.price, reward.amount), 0);
}

/** Takes `n` units off the front of runs (consumed in place); what was taken, by run. */
function take(runs: Run[], at: { k: number }, n: number): Run[] {
  const taken: Run[] = [];
  while (n > 0 && at.k < runs.length) {
    const run = runs[at.k] as Run;
    const t = Math.min(n, run.count);
    taken.push({ i: run.i, price: run.price, count: t });
    run.count -= t;
    n -= t;
    if (run.count === 0) at.k++;
  }
  return taken;
}

function buyXGetY(b: Extract<Promotion['benefit'], { kind: 'buy_x_get_y' }>, maxDeals: number, idx: readonly number[], lines: readonly BasketLine[], remaining: readonly number[], out: number[]): Refusal | null {
  let free = 0; // units that cannot be the reward (nothing left on them), bought first
  const runs: Run[] = [];
  for (const i of idx) {
    if ((remaining[i] as number) <= 0) free += unitsOf(lines[i] as BasketLine);
    else runs.push(...runsOf(i, remaining[i] as number, unitsOf(lines[i] as BasketLine)));
  }
  runs.sort(dearFirst);
  let left = runs.reduce((s, r) => s + r.count, 0);
  const total = free + left;
  if (total < b.buy + b.get) return { reason: 'below_min_qty', params: { missing: b.buy + b.get - total } };
  const rewards = new Map<number, Run[]>();
  const at = { k: 0 };
  for (let deals = 0; deals < maxDeals; deals++) {
    const fromFree = Math.min(free, b.buy);
    if (left < b.buy - fromFree + b.get) break;
    free -= fromFree;
    take(runs, at, b.buy - fromFree);
    for (const r of take(runs, at, b.get)) {
      const list = rewards.get(r.i);
      if (list) list.push(r);
      else rewards.set(r.i, [r]);
    }
    left -= b.buy - fromFree + b.get;
  }
  for (const [i, units] of rewards) out[i] = rewardOff(b.reward, units.reduce((s, u) => s + u.count * u.price, 0), units);
  return null;
}

function fixedPriceSet(b: Extract<Promotion['benefit'], { kind: 'fixed_price_set' }>, maxSets: number, idx: readonly number[], lines: readonly BasketLine[], remaining: readonly number[], out: number[]): Refusal | null {
  const runs = idx.flatMap((i) => runsOf(i, remaining[i] as number, unitsOf(lines[i] as BasketLine))).sort(dearFirst);
  const units = runs.reduce((s, r) => s + r.count, 0);
  if (units < b.quantity) return { reason: 'below_min_qty', params: { missing: b.quantity - units } };
  const at = { k: 0 };
  for (let sets = 0; sets < maxSets && units - sets * b.quantity >= b.quantity; sets++) {
    const set = take(runs, at, b.quantity);
    const sum = set.reduce((s, r) => s + r.count * r.price, 0);
    if (sum <= b.price) break; // dearest first: every later set is cheaper still
    allocate(sum - b.price, set.map((r) => r.count * r.price)).forEach((d, k) => {
      const i = (set[k] as Run).i;
      out[i] = (out[i] as number) + d;
    });
  }
  return null;
}

/** Percent or amount off, by allocation (README.md). */
function percentOrAmount(p: Promotion, idx: readonly number[], lines: readonly BasketLine[], remaining: readonly number[], out: number[]): void {
  const b = p.benefit as Extract<Promotion['benefit'], { kind: 'percent' | 'amount' }>;
  const percent = b.kind === 'percent' ? Math.min(100, Math.max(0, b.percent)) : 0;
  const amount = b.kind === 'amount' ? Math.max(0, b.amount) : 0;
  const allocation = p.allocation ?? (b.kind === 'percent' ? 'each' : 'across');
  if (allocation === 'across') {
    const base = idx.reduce((s, i) => s + (remaining[i] as number), 0);
    const total = b.kind === 'percent' ? percentOf(base, percent) : Math.min(amount, base);
    allocate(total, idx.map((i) => remaining[i] as number)).forEach((d, k) => (out[idx[k] as number] = d));
    return;
  }
  if (allocation === 'each') {
    // The dearest `n` units of each line: `extra` of them cost base + 1, the rest base (runsOf, without the arrays).
    for (const i of idx) {
      const units = unitsOf(lines[i] as BasketLine);
      const n = Math.min(p.maxQuantity ?? units, units);
      const base = Math.floor((remaining[i] as number) / units);
      const dear = Math.min(n, (remaining[i] as number) - base * units);
      out[i] = b.kind === 'percent' ? percentOf(dear * (base + 1) + (n - dear) * base, percent) : dear * Math.min(base + 1, amount) + (n - dear) * Math.min(base, amount);
    }
    return;
  }
  // once: the cheapest units over every line, one quota.
  const chosen = new Map<number, Run[]>();
  const runs = idx.flatMap((i) => runsOf(i, remaining[i] as number, unitsOf(lines[i] as BasketLine))).sort((x, y) => x.price - y.price || x.i - y.i);
  for (const r of take(runs, { k: 0 }, p.maxQuantity ?? 1)) {
    const list = chosen.get(r.i);
    if (list) list.push(r);
    else chosen.set(r.i, [r]);
  }
  for (const [i, units] of chosen) {
    out[i] = b.kind === 'percent' ? percentOf(units.reduce((s, u) => s + u.count * u.price, 0), percent) : units.reduce((s, u) => s + u.count * Math.min(u.price, amount), 0);
  }
}

/**
 * One promotion on what earlier ones left: its minimums (inclusive, on the matching lines'
 * remaining amount and units), its benefit, then its cap and what is left of its budget, a
 * binding one re-spread over the lines weighted by their uncapped discounts.
 */
function attempt(p: Promotion, matching: readonly number[], lines: readonly BasketLine[], remaining: readonly number[], ctx: PromoContext): number[] | Refusal {
  const live = matching.filter((i) => (remaining[i] as number) > 0);
  if (live.length === 0) return { reason: 'no_eligible_items' };
  const c = p.conditions;
  if (c.minBasket !== undefined) {
    const base = live.reduce((s, i) => s + (remaining[i] as number), 0);
    if (base < c.minBasket) return { reason: 'below_minimum', params: { missing: c.minBasket - base } };
  }
  if (c.minQuantity !== undefined) {
    const units = live.reduce((s, i) => s + unitsOf(lines[i] as BasketLine), 0);
    if (units < c.minQuantity) return { reason: 'below_min_qty', params: { missing: c.minQuantity - units } };
  }
  const out = new Array<number>(lines.length).fill(0);
  const b = p.benefit;
  const refusal =
    b.kind === 'buy_x_get_y'
      ? buyXGetY(b, p.maxQuantity ?? Infinity, matching, lines, remaining, out)
      : b.kind === 'fixed_price_set'
        ? fixedPriceSet(b, p.maxQuantity ?? Infinity, live, lines, remaining, out)
        : (percentOrAmount(p, live, lines, remaining, out), null);
  if (refusal) return refusal;
  const total = out.reduce((a, d) => a + d, 0);
  if (total <= 0) return { reason: 'no_discountable_amount' };
  const budgetLeft = p.budget === undefined ? Infinity : p.budget - (ctx.campaignUsage?.[p.id]?.spent ?? 0);
  const cap = Math.min(p.cap ?? Infinity, budgetLeft);
  return total > cap ? allocate(cap, out) : out;
}

const order = (a: Candidate, b: Candidate): number => b.indexed.promotion.priority - a.indexed.promotion.priority || a.indexed.order - b.indexed.order;

/**
 * Applies the automatic promotions and the typed or scanned codes to a basket. Pure and
 * deterministic: the same basket, set, codes and context give the same result on the till and
 * on central, whatever order the lines come in (they are worked in line id order). Priority
 * first, then list order; each works on what earlier ones left of every line; at most one
 * non-combinable promotion, the largest among them. Every code that does not apply comes back
 * in `rejected` with its reason. README.md has the rules and worked examples.
 */
export function evaluate(basket: Basket, set: PromotionSet, codes: readonly string[], ctx: PromoContext): PromoResult {
  const lines = [...basket.lines].sort((a, b) => (a.lineId < b.lineId ? -1 : a.lineId > b.lineId ? 1 : 0));
  const subtotal = lines.reduce((s, l) => s + l.amount, 0);
  const matching = matchingLines(set, lines);
  let day: string | undefined;
  const today = () => (day ??= localDay(ctx.now, ctx.timeZone ?? 'UTC'));
  const rejected: Rejection[] = [];
  const skipped: Skipped[] = [];
  const candidates: Candidate[] = [];
  for (const indexed of set.automatic) {
    if (!matching.has(indexed.promotion.id)) continue;
    const refusal = staticRefusal(indexed.promotion, basket, ctx, today);
    if (refusal === null) candidates.push({ indexed });
    else if (!FIXED_REASONS.has(refusal.reason)) skipped.push({ promotionId: indexed.promotion.id, ...refusal });
  }
  const seenCodes = new Set<string>();
  const seenPromotions = new Set<string>();
  for (const typed of codes) {
    const code = normalisePromoCode(typed);
    if (seenCodes.has(code)) {
      rejected.push({ code, reason: 'duplicate_code' });
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
    const refusal: Refusal | null =
      record.status === 'void'
        ? { reason: 'code_void' }
        : record.status === 'redeemed'
          ? { reason: 'code_redeemed' }
          : record.expiresAt !== undefined && ctx.now >= record.expiresAt
            ? { reason: 'expired' }
            : seenPromotions.has(promotion.id)
              ? { reason: 'duplicate_code' }
              : (staticRefusal(promotion, basket, ctx, today) ??
                (record.customerId !== undefined && record.customerId !== ctx.customer?.id ? { reason: 'not_your_code' } : null) ??
                offlineRefusal(promotion, ctx));
    if (refusal) {
      rejected.push({ code, ...refusal });
      continue;
    }
    seenPromotions.add(promotion.id);
    candidates.push({ indexed, code });
  }
  candidates.sort(order);

  const remaining = lines.map((l) => l.amount);
  const applied: AppliedPromotion[] = [];
  const refuse = (candidate: Candidate, refusal: Refusal) => {
    if (candidate.code !== undefined) rejected.push({ code: candidate.code, ...refusal });
    else skipped.push({ promotionId: candidate.indexed.promotion.id, ...refusal });
  };
  const apply = (candidate: Candidate, discounts: readonly number[]) => {
    const { promotion } = candidate.indexed;
    const byLine: { lineId: string; discount: number }[] = [];
    discounts.forEach((d, i) => {
      if (d <= 0) return;
      remaining[i] = (remaining[i] as number) - d;
      byLine.push({ lineId: (lines[i] as BasketLine).lineId, discount: d });
    });
    const discount = byLine.reduce((s, l) => s + l.discount, 0);
    applied.push({ promotionId: promotion.id, name: promotion.name, ...(candidate.code !== undefined ? { code: candidate.code } : {}), discount, lines: byLine });
  };
  const tryOne = (candidate: Candidate) => attempt(candidate.indexed.promotion, matching.get(candidate.indexed.promotion.id) ?? [], lines, remaining, ctx);
  let exclusiveDone = false;
  for (const candidate of candidates) {
    if (!candidate.indexed.promotion.exclusive) {
      const outcome = tryOne(candidate);
      if (Array.isArray(outcome)) apply(candidate, outcome);
      else refuse(candidate, outcome);
      continue;
    }
    if (exclusiveDone) continue;
    exclusiveDone = true;
    // Every live non-combinable promotion on this same state: the largest discount wins, ties to the earlier.
    const tries = candidates.filter((c) => c.indexed.promotion.exclusive).map((c) => ({ c, outcome: tryOne(c) }));
    let best: { c: Candidate; discounts: number[]; total: number } | null = null;
    for (const t of tries) {
      if (!Array.isArray(t.outcome)) continue;
      const total = t.outcome.reduce((a, d) => a + d, 0);
      if (best === null || total > best.total) best = { c: t.c, discounts: t.outcome, total };
    }
    for (const t of tries) {
      if (!Array.isArray(t.outcome)) refuse(t.c, t.outcome);
      // The cashier is told which promotion gives more: the one to take off to use this code instead.
      else if (best && t.c !== best.c) refuse(t.c, { reason: 'not_combinable', params: { promotion: best.c.indexed.promotion.name } });
    }
    if (best) apply(best.c, best.discounts);
  }
  const lineDiscounts: Record<string, number> = {};
  lines.forEach((l, i) => {
    const d = l.amount - (remaining[i] as number);
    if (d > 0) lineDiscounts[l.lineId] = (lineDiscounts[l.lineId] ?? 0) + d;
  });
  const discount = subtotal - remaining.reduce((a, b) => a + b, 0);
  return { applied, rejected, skipped, discount, lineDiscounts, subtotal, total: subtotal - discount };
}
