import { withCheckDigit } from '../scan/barcode.js';
import type { Currency } from '../money.js';
import type { Country, VatCategory } from '../vat.js';
import { BRANDS, KINDS, productNames } from './productNames.js';

/**
 * Deterministic demo data: the same seed gives the same catalogue and customers on every
 * machine, so the demo, the tests and the benchmarks agree on what exists.
 */

/** mulberry32: tiny, fast, good enough to make data look varied. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)] as T;
}

export interface DemoProduct {
  readonly sku: string;
  readonly barcodes: readonly string[];
  readonly names: { readonly en: string; readonly ru: string; readonly ro: string };
  readonly vatCategory: VatCategory;
  /** The shelf section: dairy, grocery, footwear… */
  readonly category: string;
  /** The brand as campaigns name it (rules.brands): its Latin spelling. */
  readonly brand: string;
  readonly soldBy: 'unit' | 'weight';
  /** 5-digit scale PLU for weighed items. */
  readonly plu: string | null;
  /** Price in euro cents; stores convert with `priceIn`. Per kg for weighed items. */
  readonly basePriceEurCents: number;
}

/** GS1 prefixes of our markets, so demo barcodes look like the real shelf. */
const GS1_PREFIXES = ['460', '461', '465', '482', '484', '594'] as const;

/** Products 0..count-1 in a fixed order. Product i is the same whatever `count` is. */
export function* demoProducts(count: number, seed = 1): Generator<DemoProduct> {
  let pluCounter = 0;
  for (let i = 0; i < count; i++) {
    const rand = prng(seed * 1_000_003 + i);
    const kind = pick(rand, KINDS);
    const brand = pick(rand, BRANDS);
    const variant = pick(rand, kind.variants);
    const size = kind.sizes.length > 0 ? pick(rand, kind.sizes) : null;
    const weighed = kind.weighed === true && pluCounter < 99_999;
    const sku = `SKU-${String(i + 1).padStart(7, '0')}`;
    // The product index is embedded so every product's barcode is unique by construction.
    const ean = withCheckDigit(`${pick(rand, GS1_PREFIXES)}${String(i).padStart(9, '0')}`);
    const barcodes = [ean];
    if (i % 10 === 3) barcodes.push(withCheckDigit(`${GS1_PREFIXES[(i >> 4) % GS1_PREFIXES.length]}9${String(i).padStart(8, '0')}`));
    yield {
      sku,
      barcodes,
      names: productNames(kind, brand, variant, weighed ? null : size),
      vatCategory: kind.vat,
      category: kind.category,
      brand: brand.latin,
      soldBy: weighed ? 'weight' : 'unit',
      plu: weighed ? String(++pluCounter).padStart(5, '0') : null,
      basePriceEurCents: basePrice(kind.category, rand()),
    };
  }
}

/** Euro cents: clothes and shoes cost what they cost, a loaf of bread does not. */
function basePrice(category: string, r: number): number {
  if (category === 'footwear') return 3_990 + Math.floor(r * 8_000);
  if (category === 'clothing') return 990 + Math.floor(r * 2_500);
  return 29 + Math.floor(r * 2_500);
}

const EUR_RATE: Record<Currency, number> = { EUR: 1, RUB: 95, UAH: 45, RON: 5, MDL: 19.5 };

/** A shelf price in a store's currency, ending in .90 or .99 as real shelves do. */
export function priceIn(product: DemoProduct, currency: Currency): number {
  const raw = Math.round(product.basePriceEurCents * EUR_RATE[currency]);
  const major = Math.max(1, Math.floor(raw / 100));
  return major * 100 + (product.basePriceEurCents % 2 === 0 ? 90 : 99);
}

export interface DemoCustomer {
  readonly id: string;
  readonly name: string;
  readonly email: string | null;
  readonly country: Country;
  readonly phones: readonly string[];
}

/** First names by gender, so a surname that has a gender (Russian) takes the right one. */
const FIRST_NAMES: Record<Country, { readonly f: readonly string[]; readonly m: readonly string[] }> = {
  RU: { f: ['Анна', 'Мария', 'Елена', 'Ольга', 'Ирина', 'Наталья', 'Татьяна', 'Светлана'], m: ['Дмитрий', 'Алексей', 'Сергей', 'Иван', 'Андрей', 'Михаил', 'Николай'] },
  UA: { f: ['Олена', 'Оксана', 'Тетяна', 'Юлія', 'Марія', 'Ірина', 'Наталія'], m: ['Андрій', 'Олександр', 'Богдан', 'Василь', 'Дмитро', 'Тарас'] },
  RO: { f: ['Ioana', 'Maria', 'Elena', 'Ana', 'Cristina', 'Alexandra', 'Andreea'], m: ['Andrei', 'Mihai', 'Ștefan', 'Gheorghe', 'Alexandru', 'Ionuț'] },
  MD: { f: ['Natalia', 'Tatiana', 'Olga', 'Doina', 'Ana', 'Mariana', 'Cristina'], m: ['Ion', 'Vasile', 'Victor', 'Sergiu', 'Andrei', 'Vadim'] },
};
/** Surnames: Russian ones as the masculine form, the feminine adds -а (Иванов, Иванова); the others have one form. */
const LAST_NAMES: Record<Country, readonly string[]> = {
  RU: ['Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Васильев', 'Петров', 'Соколов', 'Михайлов', 'Новиков', 'Фёдоров'],
  UA: ['Шевченко', 'Коваленко', 'Бондаренко', 'Ткаченко', 'Кравченко', 'Олійник', 'Мельник', 'Лисенко', 'Марченко', 'Руденко'],
  RO: ['Popescu', 'Ionescu', 'Popa', 'Dumitru', 'Stan', 'Stoica', 'Gheorghiu', 'Munteanu', 'Țurcanu', 'Constantinescu'],
  MD: ['Rusu', 'Ceban', 'Ciobanu', 'Țurcan', 'Lungu', 'Cojocaru', 'Moraru', 'Sârbu', 'Munteanu', 'Băluță'],
};

const TRANSLIT: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o',
  п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu',
  я: 'ya', і: 'i', ї: 'i', є: 'ie', ґ: 'g',
};

/** The part of an e-mail address people make of their name: "elena.popescu", "dmitrii.ivanov". */
function mailbox(first: string, last: string): string {
  const plain = (word: string) =>
    [...word.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '')].map((c) => TRANSLIT[c] ?? c).join('').replace(/[^a-z]/g, '');
  return `${plain(first)}.${plain(last)}`;
}

/**
 * The customers the README names, for the demo's stories (the customer and promotion issues):
 * always the first ones, with the same ids, phones and what central gives them (codes, carts).
 */
export interface NamedCustomer extends DemoCustomer {
  readonly segments: readonly string[];
  /** A promo code issued to her by a campaign of the demo chain. */
  readonly code: string | null;
}

export const NAMED_CUSTOMERS: readonly NamedCustomer[] = [
  { id: 'C-00000001', name: 'Ulyana Morari', email: 'ulyana.morari@example.com', country: 'MD', phones: ['+37362123456'], segments: ['sneakers'], code: null },
  { id: 'C-00000002', name: 'Kostya Lungu', email: 'kostya.lungu@example.com', country: 'MD', phones: ['+37362234567'], segments: [], code: 'HELLO3C2WEW5MXH' },
  { id: 'C-00000003', name: 'Timur Sârbu', email: null, country: 'MD', phones: ['+37362345678'], segments: [], code: 'STREAMMDL' },
  { id: 'C-00000004', name: 'Doina Rusu', email: 'doina.rusu@example.com', country: 'MD', phones: ['+37362456789'], segments: [], code: 'CARTH3Q62MNWJQ' },
  { id: 'C-00000005', name: 'Victor Ceban', email: 'victor.ceban@example.com', country: 'MD', phones: ['+37362567890'], segments: ['no-purchase-30d'], code: null },
];

/** Mobile number plans: country calling code, national prefixes, subscriber digits. */
const MOBILE_PLANS: Record<Country, { cc: string; prefixes: readonly string[]; rest: number }> = {
  RU: { cc: '7', prefixes: ['903', '905', '915', '916', '925', '926', '977', '985', '999'], rest: 7 },
  UA: { cc: '380', prefixes: ['50', '63', '66', '67', '68', '73', '93', '95', '96', '97', '98', '99'], rest: 7 },
  RO: { cc: '40', prefixes: ['722', '723', '744', '745', '755', '766', '788'], rest: 6 },
  MD: { cc: '373', prefixes: ['60', '67', '68', '69', '78', '79'], rest: 6 },
};

const COUNTRY_MIX: readonly Country[] = ['RU', 'RU', 'RU', 'UA', 'UA', 'RO', 'RO', 'MD', 'MD', 'MD'];

/**
 * Customers 0..count-1: the named ones first, then generated ones. Phone numbers are unique by
 * construction: the customer index is folded into the subscriber digits, so a million customers
 * never collide (the named ones use the Moldovan 62 prefix, which generated ones never do).
 */
export function* demoCustomers(count: number, seed = 1): Generator<DemoCustomer> {
  for (let i = 0; i < count; i++) {
    const named = NAMED_CUSTOMERS[i];
    if (named) {
      yield { id: named.id, name: named.name, email: named.email, country: named.country, phones: named.phones };
      continue;
    }
    const rand = prng(seed * 7_000_003 + i);
    const country = COUNTRY_MIX[i % COUNTRY_MIX.length] as Country;
    const plan = MOBILE_PLANS[country];
    const female = rand() < 0.55;
    const first = pick(rand, FIRST_NAMES[country][female ? 'f' : 'm']);
    const stem = pick(rand, LAST_NAMES[country]);
    const last = country === 'RU' && female ? `${stem}а` : stem;
    // The customer's ordinal among customers of the same country: distinct for every i.
    const position = i % COUNTRY_MIX.length;
    const perCycle = COUNTRY_MIX.filter((c) => c === country).length;
    const earlier = COUNTRY_MIX.slice(0, position).filter((c) => c === country).length;
    const slot = Math.floor(i / COUNTRY_MIX.length) * perCycle + earlier;
    const prefix = plan.prefixes[slot % plan.prefixes.length] as string;
    const space = 10 ** plan.rest;
    // An affine map with a multiplier coprime to 10 is a bijection on 0..space-1: unique, not sequential.
    const subscriber = String((Math.floor(slot / plan.prefixes.length) * 7_777_777 + 1_234_567) % space).padStart(plan.rest, '0');
    const phones = [`+${plan.cc}${prefix}${subscriber}`];
    const id = `C-${String(i + 1).padStart(8, '0')}`;
    yield {
      id,
      name: `${first} ${last}`,
      // The index keeps addresses unique, as a year or a number does in real ones.
      email: rand() < 0.6 ? `${mailbox(first, last)}${i + 1}@example.com` : null,
      country,
      phones,
    };
  }
}


export interface DemoCartLine {
  readonly sku: string;
  readonly quantity: number;
  /** Minutes before the seed's "now" the customer put the item in the cart. */
  readonly minutesAgo: number;
}

export interface DemoOnlineActivity {
  readonly carts: readonly { readonly channel: 'web' | 'app'; readonly lines: readonly DemoCartLine[] }[];
  readonly favourites: readonly { readonly sku: string; readonly channel: 'web' | 'app'; readonly minutesAgo: number }[];
}


function skuOf(index: number): string {
  return `SKU-${String(index + 1).padStart(7, '0')}`;
}

/**
 * What customer `customerIndex` did in the web shop and the app: about one in eleven left a
 * cart (1–4 lines), about one in ten keeps favourites (1–5), as in a real chain where most
 * customers only ever buy in the store. Depends only on the index, the catalogue size and the seed.
 */
export function demoOnlineActivity(customerIndex: number, productCount: number, seed = 1): DemoOnlineActivity {
  const named = namedActivity(customerIndex, productCount, seed);
  if (named) return named;
  const rand = prng(seed * 9_000_011 + customerIndex);
  const carts: { channel: 'web' | 'app'; lines: DemoCartLine[] }[] = [];
  const cartRoll = rand();
  const channels: ('web' | 'app')[] = cartRoll < 0.01 ? ['web', 'app'] : cartRoll < 0.05 ? ['web'] : cartRoll < 0.09 ? ['app'] : [];
  for (const channel of channels) {
    const lines = new Map<string, DemoCartLine>();
    const count = 1 + Math.floor(rand() * 4);
    for (let i = 0; i < count; i++) {
      const sku = skuOf(Math.floor(rand() * productCount));
      lines.set(sku, { sku, quantity: 1 + Math.floor(rand() * 3), minutesAgo: Math.floor(rand() * 14 * 24 * 60) });
    }
    carts.push({ channel, lines: [...lines.values()] });
  }
  const favourites = new Map<string, { sku: string; channel: 'web' | 'app'; minutesAgo: number }>();
  if (rand() < 0.1) {
    const count = 1 + Math.floor(rand() * 5);
    for (let i = 0; i < count; i++) {
      const sku = skuOf(Math.floor(rand() * productCount));
      favourites.set(sku, { sku, channel: rand() < 0.6 ? 'app' : 'web', minutesAgo: Math.floor(rand() * 180 * 24 * 60) });
    }
  }
  return { carts, favourites: [...favourites.values()] };
}

/** The first `n` SKUs of a shelf section (footwear, dairy…) among the first `productCount` products. */
export function demoSkusIn(category: string, n: number, productCount: number, seed = 1): string[] {
  const skus: string[] = [];
  for (const p of demoProducts(productCount, seed)) {
    if (p.category === category) skus.push(p.sku);
    if (skus.length === n) break;
  }
  return skus;
}

const DAY = 24 * 60;

/**
 * The named customers' stories: Ulyana favourited sneakers on the web and in the app and left
 * a pair in her app cart two days ago; Doina left a web cart 30 hours ago (the abandoned-cart
 * reminder). The others have no online activity. Null for a generated customer.
 */
function namedActivity(customerIndex: number, productCount: number, seed: number): DemoOnlineActivity | null {
  if (customerIndex >= NAMED_CUSTOMERS.length) return null;
  if (customerIndex === 0) {
    const [a, b] = demoSkusIn('footwear', 2, productCount, seed);
    if (!a || !b) return { carts: [], favourites: [] };
    return {
      carts: [{ channel: 'app', lines: [{ sku: a, quantity: 1, minutesAgo: 2 * DAY }] }],
      favourites: [
        { sku: a, channel: 'web', minutesAgo: 3 * DAY },
        { sku: b, channel: 'app', minutesAgo: 2 * DAY + 30 },
      ],
    };
  }
  if (customerIndex === 3) {
    const lines = [...demoSkusIn('clothing', 1, productCount, seed), ...demoSkusIn('dairy', 1, productCount, seed)];
    return { carts: [{ channel: 'web', lines: lines.map((sku, i) => ({ sku, quantity: 1 + i, minutesAgo: 30 * 60 + i })) }], favourites: [] };
  }
  return { carts: [], favourites: [] };
}
