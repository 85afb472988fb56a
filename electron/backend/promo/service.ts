import { TillError } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import type { Currency } from '../../../core/money.js';
import { NO_PROMOTIONS, type PromoView } from '../../../core/promo/view.js';
import { ReserveResult, type ReserveRefusal } from '../../../core/promo/reservation.js';
import type { PromoReason } from '../../../core/promo/reasons.js';
import type { SaleLineView, SaleView } from '../../../core/sale/contract.js';
import { normalisePromoCode, resolveScan } from '../../../core/scan/resolve.js';
import type { OfferPayload } from '../../../core/scan/signed.js';
import type { PromoRedeemedPayload } from '../../../core/sync/ops.js';
import type { TillDatabase } from '../db.js';
import type { SalePromotions, SaleService } from '../sale/sale.js';
import type { TillSettings } from '../settings.js';
import { evaluateSale, saleOffers, WAITING_REASONS, type CustomerFacts, type PromoState } from './pricing.js';
import { preparePromoQueries } from './queries.js';
import { storedNames } from './names.js';

export interface PromoDeps {
  readonly db: TillDatabase;
  readonly settings: TillSettings;
  readonly now: () => Date;
  /** Whether central answered the last time sync asked: a code whose campaign denies offline use needs it. */
  readonly online: () => boolean;
  readonly customer: (customerId: string) => CustomerFacts | null;
  /** A request to central (sync's link, device token, short timeout); null when unpaired or unanswered. */
  readonly central?: (path: string, body: unknown, timeoutMs: number) => Promise<{ status: number; json: unknown } | null>;
}

/** How long central holds a single-use code for the open sale, and how long the cashier waits for its answer. */
const HOLD_SECONDS = 900;
const HOLD_TIMEOUT_MS = 800;

/** Central's refusal as the engine's reason, for the cashier's sentence. */
const REFUSAL_REASON: Record<ReserveRefusal, PromoReason> = {
  unknown_code: 'unknown_code',
  expired: 'expired',
  not_yet_valid: 'not_yet_valid',
  code_void: 'code_void',
  code_redeemed: 'code_redeemed',
  reserved_elsewhere: 'code_reserved',
  not_your_code: 'not_your_code',
  usage_exhausted: 'usage_exhausted',
  budget_exhausted: 'budget_exhausted',
};

const CODE = /^[A-Z0-9]{3,32}$/;

/**
 * What the cashier typed or scanned into the code box, as the ledger keeps codes: case and
 * separators do not matter, a promo link (https://…/p/CODE) gives its code. Anything else is
 * PROMO_CODE_INVALID, and nothing of it is echoed back.
 */
export function readPromoCode(raw: string): string {
  const text = raw.trim();
  const resolved = text.length <= 4096 ? resolveScan(text) : null;
  const code = resolved?.kind === 'promoLink' || resolved?.kind === 'promoCode' ? resolved.code : normalisePromoCode(text);
  if (!CODE.test(code)) throw new TillError('PROMO_CODE_INVALID');
  return code;
}

interface FrozenRow {
  promotion_id: string;
  name: string;
  names: string | null;
  code: string | null;
  line_id: string;
  discount_minor: number;
}

/** A completed sale's promotions as they were paid. */
function frozenView(s: PromoState, saleId: string): PromoView {
  const rows = s.q.frozen.all(saleId) as FrozenRow[];
  if (rows.length === 0) return NO_PROMOTIONS;
  const applied = new Map<string, PromoView['applied'][number]>();
  for (const r of rows) {
    const a = applied.get(r.promotion_id) ?? { promotionId: r.promotion_id, name: r.name, ...storedNames(r.names), code: r.code, discount: 0, lines: [] };
    applied.set(r.promotion_id, { ...a, discount: a.discount + r.discount_minor, lines: [...a.lines, { lineId: r.line_id, discount: r.discount_minor }] });
  }
  const list = [...applied.values()];
  return { applied: list, codes: list.filter((a) => a.code !== null).map((a) => ({ code: a.code as string, source: 'entered', applied: true, reason: null, params: {} })) };
}

/**
 * The discounts and redemptions commit with the sale: one row per promotion and line (the
 * receipt, reprints and returns read them), and for each code a redemption with its
 * `promo.redeemed` outbox op keyed by a new ULID — in the sale's own transaction.
 */
function completing(s: PromoState, deps: PromoDeps, sale: { id: string; currency: Currency }, paid: SaleView, at: string): void {
  const online = deps.online();
  const offers = saleOffers(s, sale.id);
  paid.promo.applied.forEach((a, position) => {
    const names = a.names ? JSON.stringify(a.names) : null;
    for (const l of a.lines) s.q.insertDiscount.run(sale.id, a.promotionId, l.lineId, a.name, names, a.code, position, l.discount);
    if (a.code === null) return;
    const redemptionId = newId();
    const offerNonce = offers.get(a.code)?.nonce;
    s.q.insertRedemption.run(redemptionId, sale.id, a.code, a.promotionId, online ? 0 : 1, a.discount, at, offerNonce ?? null);
    const payload: PromoRedeemedPayload = {
      redemptionId,
      saleId: sale.id,
      code: a.code,
      tillId: deps.settings.tillId,
      storeId: deps.settings.storeId,
      redeemedAt: at,
      discountMinor: a.discount,
      currency: sale.currency,
      offline: !online,
      ...(offerNonce !== undefined ? { offerNonce } : {}),
    };
    s.q.insertOutbox.run(newId(), redemptionId, JSON.stringify(payload), at);
  });
}

/** The till's promotions: how they price a sale (for the sale service) and the code box. */
export function createPromotions(deps: PromoDeps) {
  const s: PromoState = {
    q: preparePromoQueries(deps.db),
    settings: deps.settings,
    now: deps.now,
    online: deps.online,
    customer: deps.customer,
    cache: null,
  };
  const pricing: SalePromotions = {
    forSale: (sale, lines: readonly SaleLineView[]) => (sale.status === 'open' ? evaluateSale(s, sale, lines).view : frozenView(s, sale.id)),
    completing: (sale, paid, at) => completing(s, deps, sale, paid, at),
    cancelling: (sale) => {
      for (const code of s.q.entered.all(sale.id) as string[]) releaseHold(sale.id, code);
    },
  };

  /** Lets central's hold on a code go at once (best effort: an unanswered release simply expires). */
  function releaseHold(saleId: string, code: string): void {
    if (deps.central && s.q.heldAtCentral.get(code) === 1) void deps.central('/v1/till/promo/release', { code, saleId }, HOLD_TIMEOUT_MS).catch(() => null);
  }

  /**
   * The local check: a code onto the open sale (opening one): applied, or kept with a reason the
   * sale can still change, or refused and nothing changes. `offer`: the verified signed offer it came with.
   */
  function enterLocally(sales: SaleService, code: string, offer: string | null = null): SaleView {
    return sales.editOpenSale(true, (sale, view) => {
      const row = { sale: sale.id, code, at: deps.now().toISOString() };
      const added = (offer === null ? s.q.enterCode.run(row) : s.q.enterOffer.run({ ...row, offer })).changes;
      if (added === 0) throw new TillError('PROMO_CODE_REFUSED', { code, reason: 'duplicate_code', currency: sale.currency });
      // Her offer taken off this sale and then typed again: the cashier wants it back.
      s.q.undecline.run(sale.id, code);
      const now = view();
      const entry = now.promo.codes.find((c) => c.code === code);
      if (entry && !entry.applied && entry.reason !== null && !WAITING_REASONS.has(entry.reason)) {
        // The reason and its details travel as params: the screen says it in the cashier's words (core/promo/messages.ts).
        throw new TillError('PROMO_CODE_REFUSED', { ...entry.params, code, reason: entry.reason, currency: now.currency });
      }
    });
  }

  /**
   * Validate locally, then — online, for a single-use code — reserve it at central for this
   * sale (keyed by its ULID), so the web shop cannot take it meanwhile. Central's refusal takes
   * the code off again and says why; no answer leaves the local decision (offline policy) standing.
   */
  function enterCode(sales: SaleService, raw: string): SaleView | Promise<SaleView> {
    const code = readPromoCode(raw);
    return holdAtCentral(sales, enterLocally(sales, code), code);
  }

  /**
   * Online, a code just put on the sale is held at central for it when it is single-use or its
   * campaign counts total uses or a budget (a use promised to this sale is not promised twice);
   * central's refusal takes it off again.
   */
  function holdAtCentral(sales: SaleService, view: SaleView, code: string): SaleView | Promise<SaleView> {
    if (!deps.central || s.q.heldAtCentral.get(code) !== 1 || !deps.online()) return view;
    // A personal code (her e-mail code) is held for her: central checks it is hers.
    const hold = { code, saleId: view.id, ttlSeconds: HOLD_SECONDS, customerId: view.customer?.id ?? null };
    return deps.central('/v1/till/promo/reserve', hold, HOLD_TIMEOUT_MS).then((answer) => {
      const held = answer?.status === 200 ? ReserveResult.safeParse(answer.json) : null;
      if (!held?.success || held.data.reserved) return view;
      sales.editOpenSale(false, (sale) => void s.q.removeCode.run(sale.id, code));
      throw new TillError('PROMO_CODE_REFUSED', { code, reason: REFUSAL_REASON[held.data.reason], currency: view.currency });
    });
  }

  /**
   * A signed offer verified offline (electron/backend/scan/signed.ts) onto the open sale: its code,
   * vouched for so that it applies offline within the campaign's per-till cap; redeemed with the
   * sale, its nonce on the redemption; online, a single-use code is held at central like a typed
   * one. An offer for one customer needs her on the sale: with nobody attached she is attached
   * with it (`attach`, which refuses someone the till does not know).
   */
  function enterOffer(sales: SaleService, offer: OfferPayload, text: string, attach: (customerId: string) => void): SaleView | Promise<SaleView> {
    if (s.q.offerRedeemed.get(offer.nonce) !== undefined) throw new TillError('SCAN_OFFER_REDEEMED');
    const view = deps.db.transaction(() => {
      if (offer.customer !== undefined) {
        const onSale = sales.current()?.customer?.id ?? null;
        if (onSale === null) attach(offer.customer);
        else if (onSale !== offer.customer) throw new TillError('SCAN_OFFER_OTHER_CUSTOMER');
      }
      return enterLocally(sales, offer.code, text);
    })();
    return holdAtCentral(sales, view, offer.code);
  }

  /**
   * Takes a code off the sale: an entered one is forgotten; her personal offer (which applies by
   * itself while she is attached) is remembered as declined, so it stays off this sale.
   */
  function removeCode(sales: SaleService, raw: string): SaleView {
    const code = readPromoCode(raw);
    let saleId = '';
    const view = sales.editOpenSale(false, (sale) => {
      saleId = sale.id;
      const removed = s.q.removeCode.run(sale.id, code).changes > 0;
      const hers = sale.customer_id !== null && s.q.isOfferOf.get(code, sale.customer_id) === 1;
      if (hers) s.q.decline.run(sale.id, code, deps.now().toISOString());
      if (!removed && !hers) throw new TillError('PROMO_CODE_NOT_ON_SALE', { code });
    });
    releaseHold(saleId, code);
    return view;
  }

  /** Whether a scanned text is a code the till's cache holds. */
  function knows(raw: string): boolean {
    try {
      return (s.q.codesIn.all(JSON.stringify([readPromoCode(raw)])) as unknown[]).length > 0;
    } catch {
      return false;
    }
  }

  return { pricing, enterCode, enterOffer, removeCode, knows, frozen: (saleId: string): PromoView => frozenView(s, saleId), invalidate: (): void => void (s.cache = null) };
}

export type Promotions = ReturnType<typeof createPromotions>;
