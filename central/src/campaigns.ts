import { z } from 'zod';
import { text } from '../../core/text.js';
import { CURRENCIES } from '../../core/money.js';
import { CampaignNamesInput, CampaignRulesInput, type CampaignDoc, type CampaignRules } from '../../core/sync/pull.js';
import type { Db, Queryable } from './db.js';
import { ApiError } from './errors.js';
import { recordChanges } from './changes.js';
import QRCode from 'qrcode';
import { formatPromoCode, newPromoCode } from './codes.js';
import { toCsv } from './csv.js';
import { normalisePromoCode } from '../../core/scan/resolve.js';

export const CAMPAIGN_CHANNELS = ['email', 'stream', 'web', 'app', 'social', 'sms'] as const;

/**
 * Rules in minor units. Without a currency they would be compared with sales in any currency
 * (100.00 MDL and 100.00 EUR alike), so central refuses them, as it does an amount off.
 */
const MONEY_RULES = ['minBasketMinor', 'capMinor', 'budgetMinor'] as const;
const MONEY_RULE_WORDS: Record<(typeof MONEY_RULES)[number], string> = { minBasketMinor: 'a minimum basket', capMinor: 'a discount cap', budgetMinor: 'a total budget' };

export const CampaignInput = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/),
    name: text({ min: 1, max: 200, trim: true }),
    /** The name in each UI language the tills, receipts and displays show; a language left out shows `name`. */
    names: CampaignNamesInput.optional(),
    channel: z.enum(CAMPAIGN_CHANNELS),
    codeKind: z.enum(['unique', 'shared']),
    /** Printed before every unique code so staff can tell campaigns apart ("SPRING"). */
    codePrefix: z.string().regex(/^[A-Z]{0,8}$/).default(''),
    /** Absent with rules.benefit: central fills them from the benefit (legacyDiscount). */
    discountKind: z.enum(['percent', 'amount']).optional(),
    discountValue: z.number().int().positive().max(1_000_000_000).optional(),
    currency: z.enum(CURRENCIES).nullable().default(null),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    offlineAllowed: z.boolean().default(false),
    /** 0 with offlineAllowed is no offline redemption at all (the till says it needs a connection). */
    offlineCapPerTill: z.number().int().min(0).max(100_000).default(0),
    /** Automatic, segments, first purchase, minimum basket, items, priority (core/promo/fromSync.ts). */
    rules: CampaignRulesInput.default({}),
  })
  .strict()
  .refine((c) => Date.parse(c.endsAt) > Date.parse(c.startsAt), { message: 'endsAt must be after startsAt', path: ['endsAt'] })
  .refine((c) => c.discountKind !== 'percent' || (c.discountValue ?? 0) <= 100, { message: 'a percent is at most 100', path: ['discountValue'] })
  .refine((c) => c.rules.benefit !== undefined || (c.discountKind !== undefined && c.discountValue !== undefined), {
    message: 'a discount needs its kind and value (or rules.benefit)',
    path: ['discountValue'],
  })
  .refine((c) => legacyDiscount(c).kind !== 'amount' || c.currency !== null, { message: 'an amount needs a currency', path: ['currency'] })
  .superRefine((c, ctx) => {
    if (c.currency !== null) return;
    for (const field of MONEY_RULES) {
      if (c.rules[field] !== undefined) ctx.addIssue({ code: 'custom', message: `${MONEY_RULE_WORDS[field]} is an amount: it needs the campaign's currency`, path: ['rules', field] });
    }
  })
  .refine((c) => !c.rules.signedOffers || (c.offlineAllowed && c.offlineCapPerTill > 0), {
    message: 'the offline policy "signed" (rules.signedOffers) needs offlineAllowed and an offlineCapPerTill above 0',
    path: ['offlineCapPerTill'],
  });
export type CampaignInput = z.infer<typeof CampaignInput>;

/**
 * The discount_kind/discount_value columns (NOT NULL, read by older tills) of a campaign: with a
 * benefit, buy X get Y is the reward's percent (free = 100) or amount, a fixed set its price.
 */
export function legacyDiscount(c: { discountKind?: 'percent' | 'amount' | undefined; discountValue?: number | undefined; rules: CampaignRules }): { kind: 'percent' | 'amount'; value: number } {
  const b = c.rules.benefit;
  if (b?.kind === 'fixed_price_set') return { kind: 'amount', value: Math.max(1, b.priceMinor) };
  if (b?.kind === 'buy_x_get_y') {
    if (b.reward.kind === 'free') return { kind: 'percent', value: 100 };
    if (b.reward.kind === 'percent') return { kind: 'percent', value: Math.min(100, Math.max(1, Math.round(b.reward.percent))) };
    return { kind: 'amount', value: b.reward.amountMinor };
  }
  return { kind: c.discountKind ?? 'percent', value: c.discountValue ?? 1 };
}

/**
 * The instants stored for a campaign. With whole local days (`rules.days`) they are widened to
 * every time zone's version of those days (from the first day's midnight at UTC+14 to the end of
 * the last at UTC−12): each till and the web shop then check the days in their own time zone
 * (core/promo), and central's own instant checks (reserve, quote) never cut a store's day short.
 */
export function campaignWindow(c: Pick<CampaignInput, 'startsAt' | 'endsAt' | 'rules'>): [string, string] {
  const days = c.rules.days;
  if (!days) return [c.startsAt, c.endsAt];
  const dayAfter = new Date(Date.parse(`${days.last}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return [new Date(`${days.first}T00:00:00+14:00`).toISOString(), new Date(`${dayAfter}T00:00:00-12:00`).toISOString()];
}

/** The names column: NULL when no language was given. */
function namesColumn(c: Pick<CampaignInput, 'names'>): string | null {
  return c.names && Object.values(c.names).some((n) => n !== undefined) ? JSON.stringify(c.names) : null;
}

/** Named customers (`rules.customers`) must exist: a mistyped id would shut everyone out. Refused at rules.customers. */
async function assertNamedCustomers(q: Queryable, ids: readonly string[] | undefined): Promise<void> {
  if (!ids || ids.length === 0) return;
  const { rows } = await q.query<{ id: string }>(`SELECT id FROM customers WHERE id = ANY ($1::text[])`, [ids]);
  const known = new Set(rows.map((r) => r.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new ApiError('INPUT_INVALID', `no such customer: ${unknown.slice(0, 5).join(', ')}`, [{ path: ['rules', 'customers'], message: 'no such customer' }]);
  }
}

export async function createCampaign(db: Db | Queryable, c: CampaignInput): Promise<CampaignDoc> {
  const [startsAt, endsAt] = campaignWindow(c);
  const discount = legacyDiscount(c);
  const run = async (tx: Queryable) => {
    await assertNamedCustomers(tx, c.rules.customers);
    const inserted = await tx.query(
      `INSERT INTO campaigns (id, name, channel, code_kind, code_prefix, discount_kind, discount_value, currency, starts_at,
                              ends_at, offline_allowed, offline_cap_per_till, rules, names)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb) ON CONFLICT (id) DO NOTHING`,
      [c.id, c.name, c.channel, c.codeKind, c.codePrefix, discount.kind, discount.value, c.currency, startsAt, endsAt,
        c.offlineAllowed, c.offlineCapPerTill, JSON.stringify(c.rules), namesColumn(c)],
    );
    if (inserted.rowCount === 0) throw new ApiError('CONFLICT', `campaign ${c.id} exists already`);
    await recordChanges(tx, 'campaign', [c.id]);
    const { rows } = await tx.query<{ doc: CampaignDoc }>(`SELECT campaign_doc($1) AS doc`, [c.id]);
    return (rows[0] as { doc: CampaignDoc }).doc;
  };
  return 'transaction' in db ? db.transaction(run) : run(db);
}

/**
 * A campaign changed in the console: everything but its id, its kind of code and its prefix
 * (codes already handed out keep meaning what they meant). The tills get the new document.
 */
export async function updateCampaign(db: Db, c: CampaignInput): Promise<CampaignDoc> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ code_kind: string; code_prefix: string }>(`SELECT code_kind, code_prefix FROM campaigns WHERE id = $1 FOR UPDATE`, [c.id]);
    const was = rows[0];
    if (!was) throw new ApiError('NOT_FOUND', 'no such campaign');
    if (was.code_kind !== c.codeKind || was.code_prefix !== c.codePrefix) throw new ApiError('INPUT_INVALID', 'the kind of code and the prefix cannot change once a campaign exists');
    await assertNamedCustomers(tx, c.rules.customers);
    await tx.query(
      `UPDATE campaigns SET name = $2, channel = $3, discount_kind = $4, discount_value = $5, currency = $6, starts_at = $7, ends_at = $8,
                            offline_allowed = $9, offline_cap_per_till = $10, rules = $11, names = $12::jsonb WHERE id = $1`,
      [c.id, c.name, c.channel, legacyDiscount(c).kind, legacyDiscount(c).value, c.currency, ...campaignWindow(c), c.offlineAllowed, c.offlineCapPerTill, JSON.stringify(c.rules), namesColumn(c)],
    );
    await recordChanges(tx, 'campaign', [c.id]);
    const { rows: doc } = await tx.query<{ doc: CampaignDoc }>(`SELECT campaign_doc($1) AS doc`, [c.id]);
    return (doc[0] as { doc: CampaignDoc }).doc;
  });
}

/** A campaign's codes as CSV, for the e-mail tool or the printer: the code, as printed, state, single use, expiry. */
export async function codesCsv(q: Queryable, campaignId: string): Promise<string> {
  const { rows: campaign } = await q.query<{ code_prefix: string }>(`SELECT code_prefix FROM campaigns WHERE id = $1`, [campaignId]);
  if (!campaign[0]) throw new ApiError('NOT_FOUND', 'no such campaign');
  const prefix = campaign[0].code_prefix;
  const { rows } = await q.query<{ code: string; state: string; single_use: boolean; expires_at: string | null }>(
    `SELECT code, state, single_use, iso(expires_at) AS expires_at FROM promo_codes WHERE campaign_id = $1 ORDER BY code`,
    [campaignId],
  );
  return toCsv(
    ['code', 'printed', 'state', 'single_use', 'expires_at'],
    rows.map((r) => [r.code, r.single_use ? formatPromoCode(r.code, prefix) : r.code, r.state, r.single_use ? 'yes' : 'no', r.expires_at]),
  );
}

/** One of the campaign's codes as a QR symbol (level M, quiet zone 4): PNG for a poster or an overlay, SVG for print. */
export async function codeQr(q: Queryable, campaignId: string, code: string, format: 'png' | 'svg', size: number): Promise<Buffer | string> {
  const { rows } = await q.query<{ code: string }>(`SELECT code FROM promo_codes WHERE campaign_id = $1 AND code = $2`, [campaignId, code]);
  if (!rows[0]) throw new ApiError('NOT_FOUND', 'no such code in this campaign');
  const options = { errorCorrectionLevel: 'M', margin: 4, width: size } as const;
  return format === 'png' ? QRCode.toBuffer(rows[0].code, { ...options, type: 'png' }) : QRCode.toString(rows[0].code, { ...options, type: 'svg' });
}

export const Issuance = z.union([
  z.object({
    count: z.number().int().min(1).max(100_000),
    expiresAt: z.iso.datetime({ offset: true }).nullable().default(null),
    /** A personal offer: her codes apply at the till as soon as she is attached, and only for her. */
    customerId: text({ min: 1, max: 64 }).nullable().default(null),
  }).strict(),
  z.object({ code: text({ min: 3, max: 32 }), expiresAt: z.iso.datetime({ offset: true }).nullable().default(null) }).strict(),
]);
export type Issuance = z.infer<typeof Issuance>;

const BATCH = 10_000;

/**
 * Issues codes for a campaign: `count` random unique codes, or the one shared code
 * marketing chose. Unique codes are single-use; the ledger's index enforces it.
 */
export async function issueCodes(db: Db | Queryable, campaignId: string, issuance: Issuance): Promise<{ issued: number; codes: string[] }> {
  const run = async (tx: Queryable) => {
    const { rows } = await tx.query<{ code_kind: string; code_prefix: string }>(
      `SELECT code_kind, code_prefix FROM campaigns WHERE id = $1 FOR UPDATE`,
      [campaignId],
    );
    const campaign = rows[0];
    if (!campaign) throw new ApiError('NOT_FOUND', 'no such campaign');
    if ('code' in issuance) {
      if (campaign.code_kind !== 'shared') throw new ApiError('INPUT_INVALID', 'this campaign issues unique codes: send a count');
      const code = normalisePromoCode(issuance.code);
      if (!/^[A-Z0-9]{3,32}$/.test(code)) throw new ApiError('INPUT_INVALID', 'a shared code is letters and digits');
      const r = await tx.query(
        `INSERT INTO promo_codes (code, campaign_id, single_use, expires_at) VALUES ($1, $2, false, $3) ON CONFLICT DO NOTHING`,
        [code, campaignId, issuance.expiresAt],
      );
      if (r.rowCount === 0) throw new ApiError('CONFLICT', 'this code exists already');
      await recordChanges(tx, 'promo_code', [code]);
      return { issued: 1, codes: [code] };
    }
    if (campaign.code_kind !== 'unique') throw new ApiError('INPUT_INVALID', 'this campaign has a shared code: send the code');
    if (issuance.customerId !== null) {
      const { rowCount } = await tx.query(`SELECT 1 FROM customers WHERE id = $1`, [issuance.customerId]);
      if (rowCount === 0) throw new ApiError('NOT_FOUND', 'no such customer');
    }
    const issued: string[] = [];
    while (issued.length < issuance.count) {
      const want = Math.min(BATCH, issuance.count - issued.length);
      const candidates = Array.from({ length: want }, () => newPromoCode(campaign.code_prefix));
      // A collision at 44 bits is rare but possible; colliding candidates are simply replaced.
      const { rows: fresh } = await tx.query<{ code: string }>(
        `INSERT INTO promo_codes (code, campaign_id, single_use, expires_at, customer_id)
         SELECT c, $2, true, $3, $4 FROM unnest($1::text[]) AS c ON CONFLICT DO NOTHING RETURNING code`,
        [candidates, campaignId, issuance.expiresAt, issuance.customerId],
      );
      const codes = fresh.map((r) => r.code);
      await recordChanges(tx, 'promo_code', codes);
      issued.push(...codes);
    }
    return { issued: issued.length, codes: issued };
  };
  return 'transaction' in db ? db.transaction(run) : run(db);
}
