import { TillError } from '../../../core/errors.js';
import { maskPhone, parsePhone } from '../../../core/customer/phone.js';
import { readCustomerQuery, type CustomerQuery } from '../../../core/customer/query.js';
import { splitName } from '../../../core/customer/name.js';
import type { CartLineView, CustomerCandidate, CustomerProfile, LookupResult, OnlineOrderView } from '../../../core/customer/contract.js';
import { audit, commitWithoutFsync, type TillDatabase } from '../db.js';
import type { TillSettings } from '../settings.js';
import type { ActorSource } from '../staff/actor.js';
import { prepareCustomerQueries } from './queries.js';

/** At most this many candidates for last digits; more and the cashier is asked for more digits. */
export const MAX_CANDIDATES = 8;

interface CustomerRow { id: string; name: string; segments: string; consents: string }

/** Asks central for one customer and refreshes her in the cache; null when central cannot answer in time. */
export type LiveLookup = (target: { readonly phone: string } | { readonly customerId: string }) => Promise<{ customerId: string | null } | null>;
interface CartRow {
  channel: 'web' | 'app';
  sku: string;
  quantity: number;
  price_seen_minor: number;
  currency: CartLineView['currencySeen'];
  added_at: string;
  name_en: string | null;
  name_ru: string | null;
  name_ro: string | null;
  sold_by: 'unit' | 'weight' | null;
  store_price: number | null;
  store_currency: string | null;
}

function names(row: { sku: string; name_en: string | null; name_ru: string | null; name_ro: string | null }) {
  // A line whose product the catalogue does not have (yet) still shows, by its SKU.
  return { en: row.name_en ?? row.sku, ru: row.name_ru ?? row.sku, ro: row.name_ro ?? row.sku };
}

function jsonList(text: string): string[] {
  const parsed: unknown = JSON.parse(text);
  return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
}

/** Finding a customer in the till's cache and reading her profile: works with no network at all. */
export function createCustomerDirectory(db: TillDatabase, settings: TillSettings, actor: ActorSource = () => ({ id: null, name: settings.cashier })) {
  const q = prepareCustomerQueries(db);
  const storePrice = (row: { store_price: number | null; store_currency: string | null }): number | null =>
    row.store_price !== null && row.store_currency === settings.currency ? row.store_price : null;

  function customer(customerId: string): CustomerRow {
    const row = q.byId.get(customerId) as CustomerRow | undefined;
    if (!row) throw new TillError('CUSTOMER_NOT_FOUND', { customerId });
    return row;
  }

  /** Her online cart lines with today's store price; one channel, or all of them. */
  function cartLines(customerId: string, channel?: 'web' | 'app'): (CartLineView & { channel: 'web' | 'app' })[] {
    return (q.cartLines.all({ customer: customerId, store: settings.storeId, channel: channel ?? null }) as CartRow[]).map((l) => ({
      channel: l.channel,
      sku: l.sku,
      names: names(l),
      quantity: l.quantity,
      priceSeen: l.price_seen_minor,
      currencySeen: l.currency,
      addedAt: l.added_at,
      storePrice: l.sold_by === null ? null : storePrice(l),
    }));
  }

  /** Her online orders as the last pull left them (what the cache holds when offline). */
  function onlineOrders(customerId: string): OnlineOrderView[] {
    const rows = q.onlineOrders.all(customerId) as {
      id: string;
      order_ref: string;
      channel: OnlineOrderView['channel'];
      store_name: string | null;
      placed_at: string;
      total_minor: number;
      currency: OnlineOrderView['currency'];
      items: number;
    }[];
    return rows.map((o) => ({
      orderId: o.id,
      orderRef: o.order_ref,
      channel: o.channel,
      store: o.store_name,
      placedAt: o.placed_at,
      total: o.total_minor,
      currency: o.currency,
      items: o.items,
    }));
  }

  function profile(customerId: string): CustomerProfile {
    const row = customer(customerId);
    const phone = q.phone.get(customerId) as string | null;
    const lines = cartLines(customerId);
    const carts = (['app', 'web'] as const)
      .map((channel) => ({ channel, lines: lines.filter((l) => l.channel === channel).map(({ channel: _, ...line }) => line) }))
      .filter((c) => c.lines.length > 0);
    const favourites = (q.favourites.all({ customer: customerId, store: settings.storeId }) as (CartRow & { channel: string })[]).map((f) => ({
      sku: f.sku,
      names: names(f),
      channel: f.channel,
      addedAt: f.added_at,
      storePrice: storePrice(f),
    }));
    const purchases = (q.purchases.all(customerId) as { id: string; receipt_no: number; closed_at: string; total_minor: number; currency: CustomerProfile['currency']; items: number }[]).map((p) => ({
      saleId: p.id,
      receiptNo: p.receipt_no,
      closedAt: p.closed_at,
      store: settings.storeName,
      total: p.total_minor,
      currency: p.currency,
      items: p.items,
    }));
    return {
      id: row.id,
      name: row.name,
      onlineOrders: onlineOrders(customerId),
      segments: jsonList(row.segments),
      consents: jsonList(row.consents),
      maskedPhone: phone ? maskPhone(phone) : '',
      carts,
      favourites,
      purchases,
      asOf: (q.lastPullAt.get() as string | null) ?? null,
      source: 'cache',
      currency: settings.currency,
    };
  }

  function candidates(digits: string): LookupResult {
    const rows = q.byLastDigits.all({ last4: digits.slice(-4), digits, limit: MAX_CANDIDATES + 1 }) as { id: string; name: string; phone: string; last_visit: string | null }[];
    const unique = [...new Map(rows.map((r) => [r.id, r])).values()];
    if (unique.length === 0) return { kind: 'notFound', phone: null };
    if (unique.length === 1) return { kind: 'customer', customer: profile(unique[0]!.id) };
    const shown: CustomerCandidate[] = unique.slice(0, MAX_CANDIDATES).map((r) => ({ id: r.id, ...splitName(r.name), maskedPhone: maskPhone(r.phone), lastVisit: r.last_visit }));
    return { kind: 'candidates', candidates: shown, more: unique.length > MAX_CANDIDATES };
  }

  function find(query: CustomerQuery): LookupResult {
    switch (query.kind) {
      case 'customerId':
        return { kind: 'customer', customer: profile(query.id) };
      case 'lastDigits':
        return candidates(query.digits);
      case 'phone': {
        const id = phoneOwner(query.e164);
        return id ? { kind: 'customer', customer: profile(id) } : { kind: 'notFound', phone: query.e164 };
      }
    }
  }

  /**
   * Every lookup is written to the append-only audit log, found or not: who (the cashier), which
   * till, when, how she was found and whom. The typed number never is: a phone only masked, last
   * digits only by their count.
   */
  function auditLookup(query: CustomerQuery, result: LookupResult | null, at: Date): void {
    const found = result?.kind === 'customer' ? [result.customer.id] : result?.kind === 'candidates' ? result.candidates.map((c) => c.id) : [];
    const details = {
      how: query.kind,
      phone: query.kind === 'phone' ? maskPhone(query.e164) : null,
      digits: query.kind === 'lastDigits' ? query.digits.length : null,
      found: found.length,
    };
    const who = actor();
    commitWithoutFsync(db, () => audit(db, { at: at.toISOString(), tillId: settings.tillId, actor: who.name, actorId: who.id, action: 'customer.lookup', subject: found.length === 1 ? found[0]! : null, details }));
  }

  /**
   * What the cashier typed, read for the store's country. `central` asks central for that one
   * customer first, by the phone typed or, once the cache has found her (last digits, app card,
   * id), by her id: it refreshes her in the cache, or says no one has the number. When it cannot
   * answer, the cache does, and the profile says so. Audited either way.
   */
  async function lookup(text: string, at: Date, central?: LiveLookup): Promise<LookupResult> {
    const query = readCustomerQuery(text, settings.country);
    let result: LookupResult | null = null;
    try {
      if (query.kind === 'phone' && central) {
        const live = await central({ phone: query.e164 });
        if (live && live.customerId === null) result = { kind: 'notFound', phone: query.e164 };
        else result = find(query);
        if (live && result.kind === 'customer') result = { kind: 'customer', customer: { ...result.customer, source: 'central', asOf: at.toISOString() } };
        return result;
      }
      result = find(query);
      if (result.kind === 'customer' && central) result = { kind: 'customer', customer: await freshProfile(result.customer.id, at, central) };
      return result;
    } finally {
      auditLookup(query, result, at);
    }
  }

  /** Her profile, asked of central first when it can answer (a candidate chosen, the customer bar). */
  async function freshProfile(customerId: string, at: Date, central?: LiveLookup): Promise<CustomerProfile> {
    customer(customerId);
    const live = central ? await central({ customerId }) : null;
    if (!live?.customerId || !q.byId.get(live.customerId)) return profile(customerId);
    return { ...profile(live.customerId), source: 'central', asOf: at.toISOString() };
  }

  /** The whole number, for the cashier who pressed Show: who saw whose number, and when, is audited. */
  function revealPhone(customerId: string, at: Date): { phone: string } {
    const phone = q.phone.get(customerId) as string | null;
    if (!phone) throw new TillError('CUSTOMER_NOT_FOUND', { customerId });
    const who = actor();
    audit(db, { at: at.toISOString(), tillId: settings.tillId, actor: who.name, actorId: who.id, action: 'customer.phone_shown', subject: customerId });
    const readable = parsePhone(phone);
    return { phone: readable.ok ? readable.value.international : phone };
  }

  /** Whose number this is (E.164), if anyone's in the cache. */
  function phoneOwner(e164: string): string | undefined {
    return q.byPhone.get(e164) as string | undefined;
  }

  return { lookup, profile, freshProfile, revealPhone, cartLines, phoneOwner, requireCustomer: (customerId: string): void => void customer(customerId), knows: (customerId: string): boolean => q.byId.get(customerId) !== undefined };
}

export type CustomerDirectory = ReturnType<typeof createCustomerDirectory>;
