import { TillError } from './errors.js';
import { divRound } from './money.js';

/** Countries whose stores we serve. */
export const COUNTRIES = ['RU', 'UA', 'RO', 'MD'] as const;
export type Country = (typeof COUNTRIES)[number];

/**
 * What a product is, for VAT purposes. The rate is looked up for the store's country on
 * the day of the sale, so a rate change in law is a data change here, not a catalogue edit.
 *  - standard: the general rate
 *  - reduced:  the main reduced rate (most food in RU/RO/MD, medicines in UA)
 *  - special:  a second reduced rate where the law has one (UA 14 % agricultural goods)
 *  - zero:     0 % / exempt supplies sold at the till
 */
export const VAT_CATEGORIES = ['standard', 'reduced', 'special', 'zero'] as const;
export type VatCategory = (typeof VAT_CATEGORIES)[number];

/** A rate in basis points (2200 = 22 %) valid from `from` (inclusive, ISO date) until the next entry. */
export interface VatRatePeriod {
  readonly from: string;
  readonly basisPoints: number;
}

/**
 * Sources (checked November 2026):
 *  RU — Tax Code of the Russian Federation, part 2, art. 164: p.3 general rate, p.2 reduced
 *       rate for food, children's goods, medicines, books. The general rate went from 20 % to
 *       22 % on 1 Jan 2026 (Federal Law of 28.11.2025 No. 425-FZ, bill No. 1026190-8); the
 *       10 % rate was kept. 20 % had applied since 1 Jan 2019 (Federal Law No. 303-FZ of 3.08.2018).
 *  UA — Tax Code of Ukraine, art. 193.1: 20 % general; 7 % medicines and medical devices
 *       (sub-para. "в"); 14 % listed agricultural goods (sub-para. "г", Law No. 1115-IX of
 *       17.12.2020, in force 1 Mar 2021); 0 %.
 *  RO — Codul fiscal (Legea 227/2015), art. 291: standard 19 % from 1 Jan 2017; from
 *       1 Aug 2025 standard 21 % and a single reduced rate of 11 % replacing 9 % and 5 %
 *       (Legea 141/2025, Monitorul Oficial nr. 699 of 25.07.2025; HG 602/2025).
 *  MD — Codul fiscal nr. 1163/1997, art. 96: a) 20 % standard; b) 8 % reduced (bread and
 *       bakery products, milk and dairy products, medicines, among others); 0 % (art. 104).
 */
export const VAT_SCHEDULE: Readonly<Record<Country, Readonly<Record<VatCategory, readonly VatRatePeriod[]>>>> = {
  RU: {
    standard: [
      { from: '2019-01-01', basisPoints: 2000 },
      { from: '2026-01-01', basisPoints: 2200 },
    ],
    reduced: [{ from: '2019-01-01', basisPoints: 1000 }],
    special: [{ from: '2019-01-01', basisPoints: 1000 }],
    zero: [{ from: '2019-01-01', basisPoints: 0 }],
  },
  UA: {
    standard: [{ from: '2019-01-01', basisPoints: 2000 }],
    reduced: [{ from: '2019-01-01', basisPoints: 700 }],
    special: [{ from: '2021-03-01', basisPoints: 1400 }],
    zero: [{ from: '2019-01-01', basisPoints: 0 }],
  },
  RO: {
    standard: [
      { from: '2017-01-01', basisPoints: 1900 },
      { from: '2025-08-01', basisPoints: 2100 },
    ],
    reduced: [
      { from: '2017-01-01', basisPoints: 900 },
      { from: '2025-08-01', basisPoints: 1100 },
    ],
    special: [
      { from: '2017-01-01', basisPoints: 500 },
      { from: '2025-08-01', basisPoints: 1100 },
    ],
    zero: [{ from: '2017-01-01', basisPoints: 0 }],
  },
  MD: {
    standard: [{ from: '2019-01-01', basisPoints: 2000 }],
    reduced: [{ from: '2019-01-01', basisPoints: 800 }],
    special: [{ from: '2019-01-01', basisPoints: 800 }],
    zero: [{ from: '2019-01-01', basisPoints: 0 }],
  },
};

/** The rate in force for a category in a country on a calendar day (YYYY-MM-DD, store-local). */
export function vatRateOn(country: Country, category: VatCategory, day: string, schedule = VAT_SCHEDULE): number {
  const periods = schedule[country]?.[category];
  let rate: number | undefined;
  for (const p of periods ?? []) {
    if (p.from <= day) rate = p.basisPoints;
  }
  if (rate === undefined) {
    throw new TillError('VAT_RATE_UNKNOWN', { country, category, day });
  }
  return rate;
}

/** VAT contained in a VAT-inclusive gross amount: gross × r / (1 + r), rounded half away from zero. */
export function vatFromGross(grossMinor: number, basisPoints: number): number {
  return divRound(grossMinor * basisPoints, 10_000 + basisPoints);
}

/** "22 %", "7 %", "10.5 %": a rate for people. */
export function formatRate(basisPoints: number): string {
  const whole = Math.trunc(basisPoints / 100);
  const rest = basisPoints % 100;
  return rest === 0 ? `${whole} %` : `${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')} %`;
}
