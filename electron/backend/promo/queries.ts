import type { TillDatabase } from '../db.js';

/**
 * A code as the cache has it, but a single-use code this till has redeemed already is redeemed
 * here and now, before central's answer comes back with a pull.
 */
const CODE_COLUMNS = `code, campaign_id, single_use,
  CASE WHEN single_use = 1 AND EXISTS (SELECT 1 FROM promo_redemptions r WHERE r.code = promo_codes.code) THEN 'redeemed' ELSE state END AS state,
  expires_at, customer_id`;

/** The promo feature's statements over the till's cache and its own tables, prepared once per till. */
export function preparePromoQueries(db: TillDatabase) {
  return {
    /** Changes when sync upserts or deletes a campaign: the promotion set is rebuilt only then. */
    campaignsVersion: db.prepare(`SELECT COUNT(*) || '/' || COALESCE(MAX(sync_gen), 0) AS v FROM campaigns`).pluck(),
    campaigns: db.prepare(
      `SELECT id, name, names, channel, code_kind, discount_kind, discount_value, currency, starts_at, ends_at, offline_allowed,
         offline_cap_per_till, rules, usage_uses, usage_spent_minor FROM campaigns ORDER BY id`,
    ),
    codesIn: db.prepare(`SELECT ${CODE_COLUMNS} FROM promo_codes WHERE code IN (SELECT value FROM json_each(?))`),
    customerCodes: db.prepare(
      `SELECT ${CODE_COLUMNS} FROM promo_codes WHERE customer_id = ? AND state = 'issued'
         AND NOT (single_use = 1 AND EXISTS (SELECT 1 FROM promo_redemptions r WHERE r.code = promo_codes.code))
       ORDER BY code LIMIT 20`,
    ),
    /** What the engine targets a line by besides its sku: its category and brand. */
    targets: db.prepare(`SELECT sku, category, brand FROM products WHERE sku IN (SELECT value FROM json_each(?))`),
    entered: db.prepare(`SELECT code FROM sale_promo_codes WHERE sale_id = ? ORDER BY position`).pluck(),
    enterCode: db.prepare(
      `INSERT INTO sale_promo_codes (sale_id, code, position, entered_at)
       VALUES (@sale, @code, (SELECT COALESCE(MAX(position), 0) + 1 FROM sale_promo_codes WHERE sale_id = @sale), @at)
       ON CONFLICT (sale_id, code) DO NOTHING`,
    ),
    /** A verified signed offer's code onto the sale: a code typed before gets the offer; one already vouched for stays as it is (0 changes). */
    enterOffer: db.prepare(
      `INSERT INTO sale_promo_codes (sale_id, code, position, entered_at, offer)
       VALUES (@sale, @code, (SELECT COALESCE(MAX(position), 0) + 1 FROM sale_promo_codes WHERE sale_id = @sale), @at, @offer)
       ON CONFLICT (sale_id, code) DO UPDATE SET offer = excluded.offer WHERE sale_promo_codes.offer IS NULL`,
    ),
    enteredOffers: db.prepare(`SELECT code, offer FROM sale_promo_codes WHERE sale_id = ? AND offer IS NOT NULL`),
    offerRedeemed: db.prepare(`SELECT 1 FROM promo_redemptions WHERE offer_nonce = ?`).pluck(),
    removeCode: db.prepare(`DELETE FROM sale_promo_codes WHERE sale_id = ? AND code = ?`),
    /** Her offers the cashier took off this sale: they stay off it. */
    declined: db.prepare(`SELECT code FROM sale_declined_offers WHERE sale_id = ?`).pluck(),
    decline: db.prepare(`INSERT INTO sale_declined_offers (sale_id, code, declined_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`),
    undecline: db.prepare(`DELETE FROM sale_declined_offers WHERE sale_id = ? AND code = ?`),
    /** Whether this is an offer of hers that applies by itself when she is on the sale. */
    isOfferOf: db.prepare(`SELECT 1 FROM promo_codes WHERE code = ? AND customer_id = ? AND state = 'issued'`).pluck(),
    /** Central holds the code for the sale when it is single-use or its campaign has a total uses or budget limit. */
    heldAtCentral: db.prepare(
      `SELECT k.single_use = 1 OR json_extract(c.rules, '$.maxUses') IS NOT NULL OR json_extract(c.rules, '$.budgetMinor') IS NOT NULL
       FROM promo_codes k JOIN campaigns c ON c.id = k.campaign_id WHERE k.code = ?`,
    ).pluck(),
    /** Her redemptions at this till by campaign: a once-per-customer offer (the stream QR) is not given twice. */
    customerUses: db.prepare(
      `SELECT r.campaign_id, COUNT(*) AS n FROM sales s JOIN promo_redemptions r ON r.sale_id = s.id
       WHERE s.customer_id = ? AND s.status = 'completed' GROUP BY r.campaign_id`,
    ),
    offlineUsed: db.prepare(`SELECT campaign_id, COUNT(*) AS n FROM promo_redemptions WHERE offline = 1 GROUP BY campaign_id`),
    frozen: db.prepare(
      `SELECT promotion_id, name, names, code, line_id, discount_minor FROM sale_discounts WHERE sale_id = ? ORDER BY position, line_id`,
    ),
    insertDiscount: db.prepare(
      `INSERT INTO sale_discounts (sale_id, promotion_id, line_id, name, names, code, position, discount_minor) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertRedemption: db.prepare(
      `INSERT INTO promo_redemptions (id, sale_id, code, campaign_id, offline, discount_minor, redeemed_at, offer_nonce) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertOutbox: db.prepare(
      `INSERT INTO outbox (op_id, op_type, entity_id, payload, created_at) VALUES (?, 'promo.redeemed', ?, ?, ?)`,
    ),
  };
}

export type PromoQueries = ReturnType<typeof preparePromoQueries>;

export interface CampaignRow {
  id: string;
  name: string;
  /** JSON {en, ru, ro}, or null: only `name`. */
  names: string | null;
  channel: string;
  code_kind: 'unique' | 'shared';
  discount_kind: 'percent' | 'amount';
  discount_value: number;
  currency: string | null;
  starts_at: string;
  ends_at: string;
  offline_allowed: number;
  offline_cap_per_till: number;
  rules: string;
  usage_uses: number | null;
  usage_spent_minor: number | null;
}

export interface CodeRow {
  code: string;
  campaign_id: string;
  single_use: number;
  state: 'issued' | 'redeemed' | 'void';
  expires_at: string | null;
  customer_id: string | null;
}
