import { fill, type ConsoleFormat } from '../../../../core/console/format.js';
import { campaignHasAmounts } from '../../../../core/promo/fromSync.js';
import type { Campaign } from './types.js';

/** A campaign's amount in its currency; one without a currency (older automation) as a plain number with two decimals. */
function amount(f: ConsoleFormat, c: Campaign, minor: number): string {
  return c.currency ? f.money(minor, c.currency) : f.number(minor / 100);
}

/** The campaign's discount in words: a percent, an amount, a buy X get Y deal or a set's price. */
export function dealInWords(f: ConsoleFormat, c: Campaign): string {
  const b = c.rules.benefit;
  const form = f.s.ui.campaigns.form;
  if (b?.kind === 'fixed_price_set') return fill(form.dealSet, { quantity: f.number(b.quantity), price: amount(f, c, b.priceMinor) });
  if (b?.kind === 'buy_x_get_y') {
    const reward = b.reward.kind === 'free' ? form.rewardFree : b.reward.kind === 'percent' ? `−${f.percent(b.reward.percent)}` : `−${amount(f, c, b.reward.amountMinor)}`;
    return fill(form.dealBuyGet, { buy: f.number(b.buy), get: f.number(b.get), reward });
  }
  return c.discountKind === 'percent' ? f.percent(c.discountValue) : amount(f, c, c.discountValue);
}

/** First and last day of validity: the whole local days when the campaign has them (its stored instants are widened to every zone). */
export function validDays(f: ConsoleFormat, c: Campaign): { from: string; to: string } {
  const days = c.rules.days;
  return days ? { from: f.day(days.first), to: f.day(days.last) } : { from: f.date(c.startsAt), to: f.date(c.endsAt) };
}

/**
 * The rest of the deal in words, one phrase per rule that is set: validity, where it is spent,
 * currency, how it falls on the items, who may have it, what the basket must hold, and limits.
 */
export function termsInWords(f: ConsoleFormat, c: Campaign, zone: string, segmentName: (id: string) => string): string[] {
  const t = f.s.ui.campaigns.detail.terms;
  const r = c.rules;
  const list = (xs: readonly string[]) => xs.join(', ');
  const count = (n: number | undefined, template: string) => (n === undefined ? [] : [fill(template, { count: f.number(n) })]);
  const money = (minor: number | undefined, template: string) => (minor === undefined ? [] : [fill(template, { amount: amount(f, c, minor) })]);
  const allocation = r.benefit ? undefined : (r.allocation ?? (c.discountKind === 'percent' ? 'each' : 'across'));
  return [
    ...(r.automatic ? [t.automatic] : []),
    r.days
      ? fill(t.days, { first: f.day(r.days.first), last: f.day(r.days.last) })
      : fill(t.times, { from: f.dateTime(c.startsAt), to: f.dateTime(c.endsAt), zone }),
    fill(t.channels, { where: r.channels ? list(r.channels.map((x) => (f.s.ui.channels as Record<string, string>)[x] ?? x)) : t.everywhere }),
    ...(c.currency ? [fill(t.currency, { currency: c.currency })] : campaignHasAmounts({ discountKind: c.discountKind === 'amount' ? 'amount' : 'percent', rules: r }) ? [t.noCurrency] : []),
    ...(allocation ? [fill(t.allocation, { how: f.s.ui.campaigns.form.targets.allocations[allocation] })] : []),
    ...(r.segments ?? []).map((id) => fill(t.segment, { name: segmentName(id) })),
    ...(r.customers ? [fill(t.customers, { count: f.number(r.customers.length) })] : []),
    ...(r.firstPurchaseOnly ? [t.firstPurchase] : []),
    ...money(r.minBasketMinor, t.minBasket),
    ...count(r.minQuantity, t.minQuantity),
    ...(r.skus ? [fill(t.skus, { list: list(r.skus) })] : []),
    ...(r.categories ? [fill(t.categories, { list: list(r.categories) })] : []),
    ...(r.brands ? [fill(t.brands, { list: list(r.brands) })] : []),
    ...count(r.maxQuantity, t.maxQuantity),
    ...money(r.capMinor, t.capMinor),
    ...count(r.perCustomer, t.perCustomer),
    ...count(r.maxUses, t.maxUses),
    ...money(r.budgetMinor, t.budgetMinor),
    ...(r.exclusive ? [t.exclusive] : []),
    ...(r.priority ? [fill(t.priority, { n: f.number(r.priority) })] : []),
  ];
}
