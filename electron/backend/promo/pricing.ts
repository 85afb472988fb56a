import type { Currency } from '../../../core/money.js';
import { evaluate, type PromoResult } from '../../../core/promo/evaluate.js';
import { codeRecordFromDoc, promotionFromCampaign, usageFromCampaigns } from '../../../core/promo/fromSync.js';
import type { PromoCodeRecord, PromoContext } from '../../../core/promo/model.js';
import { promotionSet, type PromotionSet } from '../../../core/promo/promotionSet.js';
import type { PromoReason } from '../../../core/promo/reasons.js';
import type { PromoView, SaleCodeView } from '../../../core/promo/view.js';
import type { SaleLineView } from '../../../core/sale/contract.js';
import { parseSigned, type OfferPayload } from '../../../core/scan/signed.js';
import { CampaignRules, type CampaignDoc } from '../../../core/sync/pull.js';
import { storedNames } from './names.js';
import type { CampaignRow, CodeRow, PromoQueries } from './queries.js';

/** What the engine needs to know of the customer on the sale, from the customer feature. */
export interface CustomerFacts {
  readonly segments: readonly string[];
  /** Completed purchases the till knows of (0 = this is her first). */
  readonly purchases: number;
}

/** What pricing works over: the queries, the store, the clock, the link to central, the customer's facts. */
export interface PromoState {
  readonly q: PromoQueries;
  /** Read on every use: pairing moves the till to its store (and currency) while it runs. */
  readonly settings: { readonly storeId: string; readonly currency: Currency; readonly timeZone: string };
  readonly now: () => Date;
  readonly online: () => boolean;
  readonly customer: (customerId: string) => CustomerFacts | null;
  /** The indexed promotions and the campaigns' version they were built from. */
  cache: { version: string; set: PromotionSet; usage: Record<string, { uses: number; spent: number }> } | null;
}

/**
 * Reasons a code entered on the sale may still turn good as the sale changes (items added, the
 * customer attached): such a code stays on the sale, shown with its reason. Any other reason
 * refuses the code at the box, and nothing changes.
 */
export const WAITING_REASONS: ReadonlySet<PromoReason> = new Set([
  'below_minimum',
  'below_min_qty',
  'no_eligible_items',
  'no_discountable_amount',
  'customer_required',
  'wrong_customer',
  'not_combinable',
  'not_your_code',
  'wrong_segment',
  'not_first_purchase',
]);

function campaignDoc(row: CampaignRow): CampaignDoc {
  const rules = CampaignRules.safeParse(JSON.parse(row.rules || '{}'));
  return {
    id: row.id,
    name: row.name,
    ...storedNames(row.names),
    channel: row.channel,
    codeKind: row.code_kind,
    discountKind: row.discount_kind,
    discountValue: row.discount_value,
    currency: row.currency as CampaignDoc['currency'],
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    offlineAllowed: row.offline_allowed === 1,
    offlineCapPerTill: row.offline_cap_per_till,
    ...(rules.success ? { rules: rules.data } : {}),
    ...(row.usage_uses !== null && row.usage_spent_minor !== null ? { usage: { uses: row.usage_uses, spentMinor: row.usage_spent_minor } } : {}),
  };
}

/** The campaigns as an indexed promotion set (a percent campaign works in the sale's currency), rebuilt only when sync changed them. */
export function currentPromotions(s: PromoState, currency: Currency): PromotionSet {
  const version = `${s.q.campaignsVersion.get() as string}/${currency}`;
  if (s.cache?.version !== version) {
    const campaigns = (s.q.campaigns.all() as CampaignRow[]).map(campaignDoc);
    s.cache = { version, set: promotionSet(campaigns.map((c) => promotionFromCampaign(c, currency)), []), usage: usageFromCampaigns(campaigns) };
  }
  return s.cache.set;
}

const codeRecord = (row: CodeRow): PromoCodeRecord =>
  codeRecordFromDoc({
    code: row.code,
    campaignId: row.campaign_id,
    singleUse: row.single_use === 1,
    state: row.state,
    expiresAt: row.expires_at,
    customerId: row.customer_id,
  });

/**
 * The verified signed offers entered on the sale, by code (the token was checked when scanned);
 * one that expired since no longer vouches for its code (a sale left open across its expiry).
 */
export function saleOffers(s: PromoState, saleId: string): Map<string, OfferPayload> {
  const rows = s.q.enteredOffers.all(saleId) as { code: string; offer: string }[];
  const now = s.now().getTime() / 1000;
  return new Map(
    rows.flatMap((r): [string, OfferPayload][] => {
      const token = parseSigned(r.offer);
      return token?.kind === 'offer' && token.payload.expiry >= now ? [[r.code, token.payload]] : [];
    }),
  );
}

/** An offer's code as the engine's record when the cache does not hold it yet (a code issued after the last pull): the offer vouches for it. */
const offerRecord = (o: OfferPayload): PromoCodeRecord => ({
  code: o.code,
  promotionId: o.campaign,
  status: 'active',
  expiresAt: new Date(o.expiry * 1000).toISOString(),
  ...(o.customer !== undefined ? { customerId: o.customer } : {}),
});

/** Her redemptions this till knows of, by campaign (the sales of hers it made). */
function customerUses(s: PromoState, customerId: string): Record<string, number> {
  return Object.fromEntries((s.q.customerUses.all(customerId) as { campaign_id: string; n: number }[]).map((r) => [r.campaign_id, r.n]));
}

function context(s: PromoState, customerId: string | null, signedOffers: readonly string[]): PromoContext {
  const facts = customerId ? s.customer(customerId) : null;
  const offlineUsed = Object.fromEntries((s.q.offlineUsed.all() as { campaign_id: string; n: number }[]).map((r) => [r.campaign_id, r.n]));
  return {
    now: s.now().toISOString(),
    channel: 'store',
    storeId: s.settings.storeId,
    timeZone: s.settings.timeZone,
    online: s.online(),
    offlineUsed,
    // The chain's use of each campaign's total limits as last pulled: at the limit it is refused here too.
    ...(s.cache && Object.keys(s.cache.usage).length > 0 ? { campaignUsage: s.cache.usage } : {}),
    ...(signedOffers.length > 0 ? { signedOffers } : {}),
    ...(customerId ? { customer: { id: customerId, segments: facts?.segments ?? [], purchases: facts?.purchases ?? 0, uses: customerUses(s, customerId) } } : {}),
  };
}

/** A personal offer of hers that cannot apply to this sale whatever is added is not worth the cashier's eye. */
const HIDDEN_OFFER_REASONS: ReadonlySet<PromoReason> = new Set(['expired', 'not_yet_valid', 'code_void', 'code_redeemed', 'no_currency', 'wrong_currency', 'wrong_store', 'wrong_channel']);

export interface SaleEvaluation {
  readonly result: PromoResult;
  readonly view: PromoView;
  readonly online: boolean;
}

interface ProductTargets {
  sku: string;
  category: string;
  brand: string | null;
}

/** A line's category and brand as the engine matches them: an empty category or no brand targets nothing. */
function lineTargets(t: ProductTargets | undefined): { category?: string; brand?: string } {
  return { ...(t?.category ? { category: t.category } : {}), ...(t?.brand ? { brand: t.brand } : {}) };
}

/**
 * The engine over an open sale: its live lines, the codes entered on it, her personal offers
 * when she is attached (but those the cashier took off this sale), at this moment, online or not.
 */
export function evaluateSale(s: PromoState, sale: { id: string; currency: Currency; customer_id: string | null }, lines: readonly SaleLineView[]): SaleEvaluation {
  const live = lines.filter((l) => !l.voided);
  const skus = [...new Set(live.map((l) => l.sku))];
  const targets = new Map((s.q.targets.all(JSON.stringify(skus)) as ProductTargets[]).map((r) => [r.sku, r]));
  const basket = {
    currency: sale.currency,
    lines: live.map((l) => ({
      lineId: l.id,
      sku: l.sku,
      ...lineTargets(targets.get(l.sku)),
      quantity: l.qtyKind === 'unit' ? l.quantity : 1,
      amount: l.lineTotal,
    })),
  };
  const entered = s.q.entered.all(sale.id) as string[];
  const offers = sale.customer_id ? (s.q.customerCodes.all(sale.customer_id) as CodeRow[]) : [];
  const enteredRows = entered.length > 0 ? (s.q.codesIn.all(JSON.stringify(entered)) as CodeRow[]) : [];
  const declined = offers.length > 0 ? new Set(s.q.declined.all(sale.id) as string[]) : new Set<string>();
  const fromOffers = offers.map((o) => o.code).filter((c) => !entered.includes(c) && !declined.has(c));
  const base = currentPromotions(s, sale.currency);
  const signed = saleOffers(s, sale.id);
  const records = new Map([...signed.values()].map((o): [string, PromoCodeRecord] => [o.code, offerRecord(o)]));
  for (const r of [...enteredRows, ...offers]) records.set(r.code, codeRecord(r));
  const set: PromotionSet = { ...base, codes: records };
  const ctx = context(s, sale.customer_id, [...signed.values()].map((o) => o.campaign));
  const result = evaluate(basket, set, [...entered, ...fromOffers], ctx);
  const appliedByCode = new Set(result.applied.map((a) => a.code).filter((c) => c !== undefined));
  const rejection = new Map(result.rejected.map((r) => [r.code, r]));
  const codeView = (code: string, source: SaleCodeView['source']): SaleCodeView => {
    const r = appliedByCode.has(code) ? undefined : rejection.get(code);
    return { code, source, applied: r === undefined, reason: r?.reason ?? null, params: { ...r?.params } };
  };
  const codes = [
    ...entered.map((c) => codeView(c, 'entered')),
    ...fromOffers.map((c) => codeView(c, 'customer')).filter((c) => c.applied || !HIDDEN_OFFER_REASONS.has(c.reason as PromoReason)),
  ];
  const view: PromoView = {
    applied: result.applied.map((a) => {
      const names = base.byId.get(a.promotionId)?.promotion.names;
      return { promotionId: a.promotionId, name: a.name, ...(names ? { names } : {}), code: a.code ?? null, discount: a.discount, lines: [...a.lines] };
    }),
    codes,
  };
  return { result, view, online: ctx.online };
}
