import type { Basket, BasketLine, PromoContext, Promotion } from '../../core/promo/model.js';
import { promoCodeCheckCharacter } from '../../core/scan/promoCode.js';

export function promo(id: string, over: Partial<Promotion> = {}): Promotion {
  return { id, name: `Promo ${id}`, currency: 'MDL', conditions: {}, benefit: { kind: 'percent', percent: 10 }, priority: 0, exclusive: false, offline: 'allow', ...over };
}

export function line(lineId: string, amount: number, over: Partial<BasketLine> = {}): BasketLine {
  return { lineId, sku: `SKU-${lineId}`, quantity: 1, amount, ...over };
}

export const basket = (...lines: BasketLine[]): Basket => ({ currency: 'MDL', lines });

export const ctx = (over: Partial<PromoContext> = {}): PromoContext => ({ now: '2026-12-04T10:00:00.000Z', channel: 'store', storeId: 'S1', online: true, ...over });

/** A well-formed personal code: prefix + 9 random characters + check character. */
export function validCode(prefix: string, body: string): string {
  const check = promoCodeCheckCharacter(body);
  if (check === null) throw new Error(`body ${body} is never issued`);
  return `${prefix}${body}${check}`;
}
