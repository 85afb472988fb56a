import type { Currency } from '../money.js';
import type { Country } from '../vat.js';

/** The demo chain: three stores in two countries. The till's `--demo` sells in the first one. */
export interface DemoStore {
  readonly id: string;
  readonly name: string;
  readonly country: Country;
  readonly currency: Currency;
  readonly timeZone: string;
}

export const DEMO_STORES: readonly DemoStore[] = [
  { id: 'MD-CHI-01', name: 'Omnitill Chișinău, bd. Ștefan cel Mare 126', country: 'MD', currency: 'MDL', timeZone: 'Europe/Chisinau' },
  { id: 'MD-BAL-01', name: 'Omnitill Bălți, str. Independenței 1', country: 'MD', currency: 'MDL', timeZone: 'Europe/Chisinau' },
  { id: 'RO-IAS-01', name: 'Omnitill Iași, Palas', country: 'RO', currency: 'RON', timeZone: 'Europe/Bucharest' },
];
