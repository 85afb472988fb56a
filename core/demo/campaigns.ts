import type { Currency } from '../money.js';
import type { CampaignRules } from '../sync/pull.js';
import { NAMED_CUSTOMERS } from './generator.js';

/**
 * The demo chain's promotion stories, the same on the demo central and in an offline demo till:
 * - S2 welcome e-mail: 10 % off her first order, each code valid three days (Kostya's is his);
 * - S3 stream QR: one shared code per currency (an amount off exists in one currency), offline
 *   up to a per-till cap, once per customer (counted where her sales are known), and a total
 *   budget of STREAM_BUDGET_DISCOUNTS discounts across the chain that central counts;
 * - S4 abandoned-cart reminder: 10 %, a personal code central issues when a cart is left (Doina's
 *   is in place from the start; central's cart-reminder job issues the others);
 * - S7 "no purchase in 30 days": 10 % for the segment, automatic, no code;
 * - S6 a brand week: 15 % off every product of one brand (BRAND_WEEK) with the shared code
 *   BRAND_WEEK_CODE from the newsletter, the same in the web shop and in the store, offline too.
 * Times are relative to `now`, so a demo seeded today has campaigns running today.
 */
export interface DemoCampaign {
  readonly id: string;
  readonly name: string;
  /** The name in each UI language (`name` is the English one). */
  readonly names: { readonly en: string; readonly ru: string; readonly ro: string };
  readonly channel: 'email' | 'stream' | 'sms';
  readonly codeKind: 'unique' | 'shared';
  readonly codePrefix: string;
  readonly discountKind: 'percent' | 'amount';
  readonly discountValue: number;
  readonly currency: Currency | null;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly offlineAllowed: boolean;
  readonly offlineCapPerTill: number;
  readonly rules: CampaignRules;
}

export interface DemoCode {
  readonly code: string;
  readonly campaignId: string;
  readonly singleUse: boolean;
  readonly expiresAt: string | null;
  /** A personal offer: it applies at the till as soon as she is attached. */
  readonly customerId: string | null;
}

/** The campaign of the cart reminders central issues (central's cart_reminder policy names it). */
export const CART_REMINDER_CAMPAIGN = 'cart-reminder';
/** The segment the win-back offer is for. */
export const NO_PURCHASE_SEGMENT = 'no-purchase-30d';

/** The brand of the brand week (core/demo/productNames.ts BRANDS, its Latin spelling) and its shared code. */
export const BRAND_WEEK = 'Codru';
export const BRAND_WEEK_CODE = 'CODRU15';

const DAY_MS = 86_400_000;

/** 50 MDL or 10 lei: about the same 2.5 euro either side of the Prut. */
function streamAmount(currency: Currency): number {
  return currency === 'MDL' ? 5_000 : currency === 'RON' ? 1_000 : 250;
}

/** A campaign's names in en, ru and ro, the English one also its `name`. */
function inLanguages(en: string, ru: string, ro: string): { name: string; names: DemoCampaign['names'] } {
  return { name: en, names: { en, ru, ro } };
}

/** The stream's amount as each language writes it: "2.5", "2,5". */
function streamNames(currency: Currency): { name: string; names: DemoCampaign['names'] } {
  const amount = String(streamAmount(currency) / 100);
  const comma = amount.replace('.', ',');
  return inLanguages(`Live stream QR: ${amount} ${currency} off`, `QR из прямого эфира: скидка ${comma} ${currency}`, `QR din transmisiunea live: ${comma} ${currency} reducere`);
}

/** The stream's total budget: this many discounts, in each currency's code. */
export const STREAM_BUDGET_DISCOUNTS = 500;

function namedCode(customerId: string): string {
  const code = NAMED_CUSTOMERS.find((c) => c.id === customerId)?.code;
  if (!code) throw new Error(`demo customer ${customerId} has no code`);
  return code;
}

/**
 * The campaigns running at `now` in the stores' currencies, and the codes of the named customers
 * (`customers`: how many demo customers exist; a named one beyond it gets no code).
 */
export function demoCampaigns(now: Date, currencies: readonly Currency[], customers: number): { campaigns: DemoCampaign[]; codes: DemoCode[] } {
  const at = (days: number) => new Date(now.getTime() + days * DAY_MS).toISOString();
  const base = { codePrefix: '', currency: null, startsAt: at(-7), endsAt: at(30), offlineAllowed: false, offlineCapPerTill: 0, rules: {} };
  const campaigns: DemoCampaign[] = [
    {
      ...base, id: 'welcome-email', ...inLanguages('Welcome: 10 % off your first order', 'Добро пожаловать: скидка 10 % на первый заказ', 'Bun venit: 10 % reducere la prima comandă'), channel: 'email', codeKind: 'unique', codePrefix: 'HELLO',
      discountKind: 'percent', discountValue: 10, rules: { firstPurchaseOnly: true },
    },
    ...[...new Set(currencies)].sort().map((currency): DemoCampaign => ({
      ...base, id: `stream-qr-${currency.toLowerCase()}`, ...streamNames(currency), channel: 'stream',
      codeKind: 'shared', discountKind: 'amount', discountValue: streamAmount(currency), currency, startsAt: at(-1), endsAt: at(14),
      offlineAllowed: true, offlineCapPerTill: 50, rules: { perCustomer: 1, budgetMinor: STREAM_BUDGET_DISCOUNTS * streamAmount(currency) },
    })),
    { ...base, id: CART_REMINDER_CAMPAIGN, ...inLanguages('Your cart is waiting: 10 % off', 'Ваша корзина ждёт: скидка 10 %', 'Coșul tău te așteaptă: 10 % reducere'), channel: 'email', codeKind: 'unique', codePrefix: 'CART', discountKind: 'percent', discountValue: 10 },
    {
      ...base, id: 'win-back-30d', ...inLanguages('We miss you: 10 % off', 'Мы скучаем по вам: скидка 10 %', 'Ne e dor de tine: 10 % reducere'), channel: 'sms', codeKind: 'unique', codePrefix: 'BACK', discountKind: 'percent', discountValue: 10,
      rules: { automatic: true, segments: [NO_PURCHASE_SEGMENT] },
    },
    {
      ...base, id: 'brand-week-codru', ...inLanguages(`${BRAND_WEEK} week: 15 % off ${BRAND_WEEK}`, 'Неделя «Кодру»: скидка 15 % на «Кодру»', `Săptămâna ${BRAND_WEEK}: 15 % reducere la ${BRAND_WEEK}`), channel: 'email', codeKind: 'shared', discountKind: 'percent', discountValue: 15,
      offlineAllowed: true, offlineCapPerTill: 200, rules: { brands: [BRAND_WEEK] },
    },
  ];
  const named = (id: string) => NAMED_CUSTOMERS.findIndex((c) => c.id === id) < customers;
  const codes: DemoCode[] = [
    ...campaigns.filter((c) => c.channel === 'stream').map((c) => ({ code: `STREAM${c.currency as string}`, campaignId: c.id, singleUse: false, expiresAt: null, customerId: null })),
    { code: BRAND_WEEK_CODE, campaignId: 'brand-week-codru', singleUse: false, expiresAt: null, customerId: null },
    ...(named('C-00000002') ? [{ code: namedCode('C-00000002'), campaignId: 'welcome-email', singleUse: true, expiresAt: at(3), customerId: 'C-00000002' }] : []),
    ...(named('C-00000004') ? [{ code: namedCode('C-00000004'), campaignId: CART_REMINDER_CAMPAIGN, singleUse: true, expiresAt: at(7), customerId: 'C-00000004' }] : []),
  ];
  return { campaigns, codes };
}
