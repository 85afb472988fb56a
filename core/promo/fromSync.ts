import type { Currency } from '../money.js';
import type { CampaignDoc, PromoCodeDoc } from '../sync/pull.js';
import type { PromoCodeRecord, Promotion } from './model.js';

/**
 * A campaign as central syncs it to the till, as the engine's Promotion. A campaign's channel
 * (e-mail, stream…) is where the code was handed out, not where it may be spent, so it sets no
 * channel condition. A percent campaign has no currency and works in the till's; an amount
 * campaign works only in its own. Offline: not allowed → deny; allowed → at most
 * `offlineCapPerTill` per till (0 = none), as central's ledger counts them.
 */
export function promotionFromCampaign(c: CampaignDoc, tillCurrency: Currency): Promotion {
  return {
    id: c.id,
    name: c.name,
    currency: c.currency ?? tillCurrency,
    conditions: { validFrom: c.startsAt, validTo: c.endsAt },
    benefit: c.discountKind === 'percent' ? { kind: 'percent', percent: c.discountValue } : { kind: 'amount', amount: c.discountValue },
    priority: 0,
    exclusive: false,
    code: c.codeKind === 'unique' ? 'personal' : 'shared',
    offline: c.offlineAllowed ? 'cap' : 'deny',
    offlineCap: c.offlineCapPerTill,
  };
}

/** A synced code as the engine's record: issued → active. */
export function codeRecordFromDoc(d: PromoCodeDoc): PromoCodeRecord {
  return {
    code: d.code,
    promotionId: d.campaignId,
    status: d.state === 'issued' ? 'active' : d.state,
    ...(d.expiresAt !== null ? { expiresAt: d.expiresAt } : {}),
  };
}
