import type { Currency } from '../money.js';
import type { Country } from '../vat.js';

/**
 * The demo chain's stores: the one record central's `--demo` seeds and a demo till sells and
 * prints under, so the till's header, its receipt and central's console name a store alike.
 * The till's `--demo` sells in the first one, where the named customers live.
 */
export interface DemoStore {
  readonly id: string;
  readonly name: string;
  /** What the receipt prints under the name: the company, its address and its tax id. */
  readonly legalName: string;
  readonly address: readonly string[];
  readonly taxId: string;
  readonly country: Country;
  readonly currency: Currency;
  readonly timeZone: string;
  readonly tills: readonly string[];
}

export const DEMO_STORES: readonly DemoStore[] = [
  {
    id: 'MD-CHI-01',
    name: 'Omnitill Chișinău Botanica',
    legalName: 'Omnitill Retail S.R.L.',
    address: ['bd. Dacia 27', 'MD-2062 Chișinău'],
    taxId: '1020600012345',
    country: 'MD',
    currency: 'MDL',
    timeZone: 'Europe/Chisinau',
    tills: ['MD-CHI-01-T1', 'MD-CHI-01-T2'],
  },
  {
    id: 'RO-BUC-01',
    name: 'Omnitill București Unirii',
    legalName: 'Omnitill Retail România S.R.L.',
    address: ['Bd. Unirii 1, sector 4', '040106 București'],
    taxId: 'RO12345678',
    country: 'RO',
    currency: 'RON',
    timeZone: 'Europe/Bucharest',
    tills: ['RO-BUC-01-T1', 'RO-BUC-01-T2'],
  },
  {
    id: 'RO-CLJ-01',
    name: 'Omnitill Cluj-Napoca Centru',
    legalName: 'Omnitill Retail România S.R.L.',
    address: ['Str. Memorandumului 28', '400114 Cluj-Napoca'],
    taxId: 'RO12345678',
    country: 'RO',
    currency: 'RON',
    timeZone: 'Europe/Bucharest',
    tills: ['RO-CLJ-01-T1'],
  },
];
