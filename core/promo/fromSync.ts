import type { Currency } from '../money.js';
import type { CampaignBenefit, CampaignDoc, PromoCodeDoc } from '../sync/pull.js';
import type { PromoBenefit, PromoCodeRecord, Promotion } from './model.js';

function benefitOf(c: CampaignDoc, b: CampaignBenefit | undefined): PromoBenefit {
  if (b?.kind === 'fixed_price_set') return { kind: 'fixed_price_set', quantity: b.quantity, price: b.priceMinor };
  if (b?.kind === 'buy_x_get_y') {
    const r = b.reward;
    return { kind: 'buy_x_get_y', buy: b.buy, get: b.get, reward: r.kind === 'free' ? r : r.kind === 'percent' ? r : { kind: 'amount', amount: r.amountMinor } };
  }
  return c.discountKind === 'percent' ? { kind: 'percent', percent: c.discountValue } : { kind: 'amount', amount: c.discountValue };
}

/** Whether any of a campaign's figures is money, in minor units of its currency. */
export function campaignHasAmounts(c: Pick<CampaignDoc, 'discountKind' | 'rules'>): boolean {
  const r = c.rules ?? {};
  if (r.minBasketMinor !== undefined || r.capMinor !== undefined || r.budgetMinor !== undefined) return true;
  const b = r.benefit;
  if (b === undefined) return c.discountKind === 'amount';
  return b.kind === 'fixed_price_set' || b.reward.kind === 'amount';
}

/**
 * A campaign as central syncs it to the till, as the engine's Promotion. A campaign's channel
 * (e-mail, stream…) is where the code was handed out, not where it may be spent, so it sets no
 * channel condition. A percent campaign without amounts may have no currency and works in the
 * till's; a campaign with any amount (off, reward, set price, minimum basket, cap, budget) works
 * only in its own, and without one it works nowhere (`no_currency`) rather than read 100.00 as
 * whatever currency the sale is in. Offline: not allowed → deny; allowed → at most
 * `offlineCapPerTill` per till, as central's ledger counts them. A cap of 0 allows none, so
 * it is the same as not allowed: the cashier reads "only while online", never "0 times".
 * `rules` (absent on older campaigns) make it automatic and add who and what it is for; their
 * `signedOffers` takes a code offline only from a signed offer, within the same cap. `benefit`
 * (buy X get Y, fixed price for a set) replaces discountKind/discountValue; `days` replaces the
 * instants as whole local days.
 */
export function promotionFromCampaign(c: CampaignDoc, tillCurrency: Currency): Promotion {
  const r = c.rules ?? {};
  const offline = c.offlineAllowed && c.offlineCapPerTill > 0;
  return {
    id: c.id,
    name: c.name,
    ...(c.names ? { names: c.names } : {}),
    currency: c.currency ?? (campaignHasAmounts(c) ? null : tillCurrency),
    conditions: {
      validFrom: c.startsAt,
      validTo: c.endsAt,
      ...(r.days ? { days: { first: r.days.first, last: r.days.last } } : {}),
      ...(r.channels ? { channels: r.channels } : {}),
      ...(r.segments && r.segments.length > 0 ? { segments: r.segments } : {}),
      ...(r.customers && r.customers.length > 0 ? { customers: r.customers } : {}),
      ...(r.firstPurchaseOnly ? { firstPurchaseOnly: true } : {}),
      ...(r.minBasketMinor !== undefined ? { minBasket: r.minBasketMinor } : {}),
      ...(r.minQuantity !== undefined ? { minQuantity: r.minQuantity } : {}),
      ...(r.perCustomer !== undefined ? { perCustomer: r.perCustomer } : {}),
      ...(r.skus && r.skus.length > 0 ? { skus: r.skus } : {}),
      ...(r.categories && r.categories.length > 0 ? { categories: r.categories } : {}),
      ...(r.brands && r.brands.length > 0 ? { brands: r.brands } : {}),
    },
    benefit: benefitOf(c, r.benefit),
    priority: r.priority ?? 0,
    exclusive: r.exclusive ?? false,
    ...(r.allocation !== undefined ? { allocation: r.allocation } : {}),
    ...(r.maxQuantity !== undefined ? { maxQuantity: r.maxQuantity } : {}),
    ...(r.capMinor !== undefined ? { cap: r.capMinor } : {}),
    ...(r.maxUses !== undefined ? { maxUses: r.maxUses } : {}),
    ...(r.budgetMinor !== undefined ? { budget: r.budgetMinor } : {}),
    ...(r.automatic ? {} : { code: c.codeKind === 'unique' ? ('personal' as const) : ('shared' as const) }),
    offline: !offline ? 'deny' : r.signedOffers ? 'signed_offer_required' : 'cap',
    ...(offline ? { offlineCap: c.offlineCapPerTill } : {}),
  };
}

/**
 * The chain's use of each campaign's total limits as the documents carry it (central's count
 * when pulled or quoted), for the engine's `campaignUsage`.
 */
export function usageFromCampaigns(campaigns: readonly CampaignDoc[]): Record<string, { uses: number; spent: number }> {
  const out: Record<string, { uses: number; spent: number }> = {};
  for (const c of campaigns) if (c.usage) out[c.id] = { uses: c.usage.uses, spent: c.usage.spentMinor };
  return out;
}

/** A synced code as the engine's record: issued → active. */
export function codeRecordFromDoc(d: PromoCodeDoc): PromoCodeRecord {
  return {
    code: d.code,
    promotionId: d.campaignId,
    status: d.state === 'issued' ? 'active' : d.state,
    ...(d.expiresAt !== null ? { expiresAt: d.expiresAt } : {}),
    ...(d.customerId ? { customerId: d.customerId } : {}),
  };
}
