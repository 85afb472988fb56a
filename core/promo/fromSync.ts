import type { Currency } from '../money.js';
import type { CampaignDoc, PromoCodeDoc } from '../sync/pull.js';
import type { PromoCodeRecord, Promotion } from './model.js';

/**
 * A campaign as central syncs it to the till, as the engine's Promotion. A campaign's channel
 * (e-mail, stream…) is where the code was handed out, not where it may be spent, so it sets no
 * channel condition. A percent campaign has no currency and works in the till's; an amount
 * campaign works only in its own. Offline: not allowed → deny; allowed → at most
 * `offlineCapPerTill` per till, as central's ledger counts them. A cap of 0 allows none, so
 * it is the same as not allowed: the cashier reads "only while online", never "0 times".
 * `rules` (absent on older campaigns) make it automatic and add who and what it is for; their
 * `signedOffers` takes a code offline only from a signed offer, within the same cap.
 */
export function promotionFromCampaign(c: CampaignDoc, tillCurrency: Currency): Promotion {
  const r = c.rules ?? {};
  const offline = c.offlineAllowed && c.offlineCapPerTill > 0;
  return {
    id: c.id,
    name: c.name,
    currency: c.currency ?? tillCurrency,
    conditions: {
      validFrom: c.startsAt,
      validTo: c.endsAt,
      ...(r.segments && r.segments.length > 0 ? { segments: r.segments } : {}),
      ...(r.firstPurchaseOnly ? { firstPurchaseOnly: true } : {}),
      ...(r.minBasketMinor !== undefined ? { minBasket: r.minBasketMinor } : {}),
      ...(r.perCustomer !== undefined ? { perCustomer: r.perCustomer } : {}),
      ...(r.skus && r.skus.length > 0 ? { skus: r.skus } : {}),
      ...(r.categories && r.categories.length > 0 ? { categories: r.categories } : {}),
    },
    benefit: c.discountKind === 'percent' ? { kind: 'percent', percent: c.discountValue } : { kind: 'amount', amount: c.discountValue },
    priority: r.priority ?? 0,
    exclusive: r.exclusive ?? false,
    ...(r.automatic ? {} : { code: c.codeKind === 'unique' ? ('personal' as const) : ('shared' as const) }),
    offline: !offline ? 'deny' : r.signedOffers ? 'signed_offer_required' : 'cap',
    ...(offline ? { offlineCap: c.offlineCapPerTill } : {}),
  };
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
