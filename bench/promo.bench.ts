import { evaluate } from '../core/promo/evaluate.js';
import type { BasketLine, Promotion, PromoCodeRecord } from '../core/promo/model.js';
import { promotionSet } from '../core/promo/promotionSet.js';
import { percentile, round, type Figure } from './figures.js';

export const figures = ['promo_eval', 'promo_eval_p99'];

const RUNS = 5000;

/** 500 active promotions of every benefit kind (a tenth need a code), a 50-line basket, two codes typed. */
function data() {
  const kinds: Promotion['benefit'][] = [
    { kind: 'percent', percent: 5 },
    { kind: 'amount', amount: 1000 },
    { kind: 'fixed_price_set', quantity: 2, price: 4900 },
    { kind: 'buy_x_get_y', buy: 2, get: 1, reward: { kind: 'free' } },
    { kind: 'buy_x_get_y', buy: 1, get: 1, reward: { kind: 'percent', percent: 50 } },
  ];
  const promotions: Promotion[] = Array.from({ length: 500 }, (_, i) => ({
    id: `P${String(i).padStart(3, '0')}`,
    name: `Promotion ${i}`,
    currency: 'MDL',
    conditions: { skus: [`SKU${(i * 7) % 2000}`, `SKU${(i * 13) % 2000}`], categories: i % 5 === 0 ? [`cat${i % 40}`] : undefined, minBasket: i % 3 === 0 ? 10_000 : undefined, stores: i % 4 === 0 ? ['S1', 'S2'] : undefined },
    benefit: kinds[i % kinds.length] as Promotion['benefit'],
    ...(i % 6 === 1 ? { allocation: 'once' as const, maxQuantity: 2 } : {}),
    ...(i % 8 === 3 ? { cap: 500 } : {}),
    priority: i % 10,
    exclusive: i % 97 === 0,
    ...(i % 10 === 0 ? { code: 'shared' as const } : {}),
    offline: 'allow',
  }));
  const codes: PromoCodeRecord[] = promotions.filter((p) => p.code).map((p) => ({ code: `CODE${p.id}`, promotionId: p.id, status: 'active' }));
  const lines: BasketLine[] = Array.from({ length: 50 }, (_, i) => ({ lineId: `L${i}`, sku: `SKU${(i * 41) % 2000}`, category: `cat${i % 40}`, brand: `brand${i % 9}`, quantity: 1 + (i % 3), amount: 1000 + i * 173 }));
  return { set: promotionSet(promotions, codes), basket: { currency: 'MDL' as const, lines } };
}

export default function run(): Figure[] {
  const { set, basket } = data();
  const context = { now: '2026-12-04T10:00:00.000Z', channel: 'store' as const, storeId: 'S1', online: true };
  const typed = ['CODEP010', 'codep020'];
  const result = evaluate(basket, set, typed, context);
  if (result.applied.length < 5) throw new Error(`bench data applies too little: ${result.applied.length} applied`);
  for (let i = 0; i < 1000; i++) evaluate(basket, set, typed, context);
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    evaluate(basket, set, typed, context);
    samples.push(performance.now() - started);
  }
  const note = `${result.applied.length} applied, ${result.rejected.length} codes refused; 50-line basket, 500 active promotions (50 with codes), 2 codes typed, ${RUNS} runs`;
  return [
    { name: 'promo_eval', value: round(percentile(samples, 50), 4), unit: 'ms', target: 1, better: 'lower', note: `median; ${note}` },
    { name: 'promo_eval_p99', value: round(percentile(samples, 99), 4), unit: 'ms', target: 1, better: 'lower', note },
  ];
}
