import { z } from 'zod';
import { localName } from '../promo/names.js';
import { catalogues, LANGUAGES, type Language } from '../i18n/index.js';
import { CURRENCIES } from '../money.js';
import { splitName } from '../customer/name.js';
import type { CompletedSaleView, SaleView } from '../sale/contract.js';

/**
 * What the customer-facing display receives: only what the customer may see. It is its own
 * message type, built here field by field from the sale, never the sale view passed on: no
 * phone (not even masked), no customer id, no other customer, no cashier, no sale or line id,
 * no codes typed by staff. Every object is strict, so a field added by mistake is refused by
 * the display before it is shown.
 */

const Minor = z.number().int();

export const DisplayDiscount = z.object({ name: z.string().max(120), amount: Minor }).strict();
export type DisplayDiscount = z.infer<typeof DisplayDiscount>;

export const DisplayLine = z
  .object({
    /** The product's name in each language: the display may speak another language than the till. */
    names: z.object({ en: z.string().max(200), ru: z.string().max(200), ro: z.string().max(200) }).strict(),
    qtyKind: z.enum(['unit', 'weight']),
    /** Units, or grams for a weighed line. */
    quantity: z.number().int(),
    /** Before promotions. */
    amount: Minor,
    /** Each promotion that takes something off this line, by its name. */
    discounts: z.array(DisplayDiscount).max(50),
  })
  .strict();
export type DisplayLine = z.infer<typeof DisplayLine>;

export const DisplaySale = z
  .object({
    kind: z.literal('sale'),
    language: z.enum(LANGUAGES),
    currency: z.enum(CURRENCIES),
    /** Her first name when the cashier attached her; nothing else about her. */
    greeting: z.string().max(60).nullable(),
    lines: z.array(DisplayLine).max(1000),
    subtotal: Minor,
    /** Every promotion's saving on the whole sale. */
    saved: Minor,
    total: Minor,
    /** After payment: what she paid and her change. */
    payment: z.object({ paid: Minor, change: Minor }).strict().nullable(),
  })
  .strict();
export type DisplaySale = z.infer<typeof DisplaySale>;

/** Between sales: the store's name under the welcome. */
export const DisplayIdle = z.object({ kind: z.literal('idle'), language: z.enum(LANGUAGES), store: z.string().max(200) }).strict();

export const DisplayMessage = z.discriminatedUnion('kind', [DisplayIdle, DisplaySale]);
export type DisplayMessage = z.infer<typeof DisplayMessage>;

/** What every message is built for: the display's language and the store it stands in. */
export interface DisplayPlace {
  readonly language: Language;
  readonly store: string;
}

/** Between sales: the welcome screen. */
export function idleMessage(place: DisplayPlace): DisplayMessage {
  return { kind: 'idle', language: place.language, store: place.store };
}

/** The open sale as the customer sees it; idle when none is open. */
export function saleMessage(view: SaleView | null, place: DisplayPlace): DisplayMessage {
  if (!view || view.status === 'cancelled') return idleMessage(place);
  const discountsOf = new Map<string, DisplayDiscount[]>();
  for (const applied of view.promo.applied) {
    for (const line of applied.lines) {
      if (line.discount === 0) continue;
      discountsOf.set(line.lineId, [...(discountsOf.get(line.lineId) ?? []), { name: localName(applied, place.language), amount: line.discount }]);
    }
  }
  // The cashier's manual discounts (the line's own and its share of the sale's) under one name in her language; the reason stays with staff.
  const storeDiscount = catalogues[place.language].ui.display.storeDiscount;
  for (const line of view.lines) {
    const manual = (line.manual?.amount ?? 0) + line.saleShare;
    if (manual > 0) discountsOf.set(line.id, [...(discountsOf.get(line.id) ?? []), { name: storeDiscount, amount: manual }]);
  }
  const greeting = view.customer ? splitName(view.customer.name).firstName : '';
  return {
    kind: 'sale',
    language: place.language,
    currency: view.currency,
    greeting: greeting === '' ? null : greeting,
    lines: view.lines
      .filter((line) => !line.voided)
      .map((line) => ({
        names: { en: line.names.en, ru: line.names.ru, ro: line.names.ro },
        qtyKind: line.qtyKind,
        quantity: line.quantity,
        amount: line.lineTotal,
        discounts: discountsOf.get(line.id) ?? [],
      })),
    subtotal: view.totals.subtotal,
    saved: view.totals.discount,
    total: view.totals.total,
    payment: null,
  };
}

/** The paid sale: the same lines, with what she paid and her change. */
export function paidMessage(completed: CompletedSaleView, place: DisplayPlace): DisplayMessage {
  const sale = saleMessage(completed.sale, place);
  if (sale.kind !== 'sale') return sale;
  const paid = completed.payments.reduce((sum, p) => sum + p.tendered, 0);
  const change = completed.payments.reduce((sum, p) => sum + p.change, 0);
  return { ...sale, payment: { paid, change } };
}
