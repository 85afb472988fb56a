import { withCheckDigit } from '../scan/barcode.js';
import type { Currency } from '../money.js';
import type { Country, VatCategory } from '../vat.js';

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
  readonly soldBy: 'unit' | 'weight';
  /** 5-digit scale PLU for weighed items. */
  readonly plu: string | null;
  /** Price in euro cents; stores convert with `priceIn`. Per kg for weighed items. */
  readonly basePriceEurCents: number;
}

interface Kind {
  readonly en: string;
  readonly ru: string;
  readonly ro: string;
  readonly vat: VatCategory;
  readonly sizes: readonly string[];
  readonly weighed?: boolean;
}

const KINDS: readonly Kind[] = [
  { en: 'Milk', ru: 'Молоко', ro: 'Lapte', vat: 'reduced', sizes: ['0.5 l', '1 l', '2 l'] },
  { en: 'Kefir', ru: 'Кефир', ro: 'Chefir', vat: 'reduced', sizes: ['0.5 l', '1 l'] },
  { en: 'Sour cream', ru: 'Сметана', ro: 'Smântână', vat: 'reduced', sizes: ['200 g', '400 g'] },
  { en: 'Butter', ru: 'Масло сливочное', ro: 'Unt', vat: 'reduced', sizes: ['180 g', '200 g'] },
  { en: 'Bread', ru: 'Хлеб', ro: 'Pâine', vat: 'reduced', sizes: ['400 g', '600 g'] },
  { en: 'Buckwheat', ru: 'Гречка', ro: 'Hrișcă', vat: 'reduced', sizes: ['800 g', '1 kg'] },
  { en: 'Pasta', ru: 'Макароны', ro: 'Paste făinoase', vat: 'reduced', sizes: ['400 g', '500 g'] },
  { en: 'Rice', ru: 'Рис', ro: 'Orez', vat: 'reduced', sizes: ['900 g', '1 kg'] },
  { en: 'Sunflower oil', ru: 'Масло подсолнечное', ro: 'Ulei de floarea-soarelui', vat: 'reduced', sizes: ['1 l', '5 l'] },
  { en: 'Eggs', ru: 'Яйца', ro: 'Ouă', vat: 'reduced', sizes: ['10 pcs', '30 pcs'] },
  { en: 'Tea', ru: 'Чай', ro: 'Ceai', vat: 'reduced', sizes: ['25 bags', '100 g'] },
  { en: 'Coffee', ru: 'Кофе', ro: 'Cafea', vat: 'standard', sizes: ['250 g', '1 kg'] },
  { en: 'Chocolate', ru: 'Шоколад', ro: 'Ciocolată', vat: 'standard', sizes: ['90 g', '200 g'] },
  { en: 'Juice', ru: 'Сок', ro: 'Suc', vat: 'standard', sizes: ['1 l', '2 l'] },
  { en: 'Mineral water', ru: 'Минеральная вода', ro: 'Apă minerală', vat: 'standard', sizes: ['0.5 l', '1.5 l'] },
  { en: 'Shampoo', ru: 'Шампунь', ro: 'Șampon', vat: 'standard', sizes: ['250 ml', '400 ml'] },
  { en: 'Toothpaste', ru: 'Зубная паста', ro: 'Pastă de dinți', vat: 'standard', sizes: ['75 ml', '100 ml'] },
  { en: 'Washing powder', ru: 'Стиральный порошок', ro: 'Detergent de rufe', vat: 'standard', sizes: ['450 g', '3 kg'] },
  { en: 'Sponges', ru: 'Губки', ro: 'Bureți', vat: 'standard', sizes: ['5 pcs', '10 pcs'] },
  { en: 'Notebook', ru: 'Тетрадь', ro: 'Caiet', vat: 'standard', sizes: ['48 sheets', '96 sheets'] },
  { en: 'Children\u2019s puree', ru: 'Детское пюре', ro: 'Piure pentru copii', vat: 'reduced', sizes: ['90 g', '125 g'] },
  { en: 'Apples', ru: 'Яблоки', ro: 'Mere', vat: 'reduced', sizes: ['per kg'], weighed: true },
  { en: 'Bananas', ru: 'Бананы', ro: 'Banane', vat: 'reduced', sizes: ['per kg'], weighed: true },
  { en: 'Tomatoes', ru: 'Помидоры', ro: 'Roșii', vat: 'reduced', sizes: ['per kg'], weighed: true },
  { en: 'Cheese', ru: 'Сыр', ro: 'Cașcaval', vat: 'reduced', sizes: ['per kg'], weighed: true },
  { en: 'Smoked sausage', ru: 'Колбаса копчёная', ro: 'Salam afumat', vat: 'reduced', sizes: ['per kg'], weighed: true },
  { en: 'Sweets', ru: 'Конфеты', ro: 'Bomboane', vat: 'standard', sizes: ['per kg'], weighed: true },
];

const BRANDS = [
  'Zorile', 'Lunca', 'Codru', 'Bucovina', 'Carpați', 'Prut', 'Nistru', 'Volga', 'Ладога', 'Северное',
  'Дубрава', 'Солнечное', 'Polesie', 'Dnipro', 'Karpaty', 'Ștefănești', 'Țara Mea', 'Green Hill',
  'Daily', 'Family', 'Simplu', 'Весёлый фермер', 'Добрый день', 'Casa Bună', 'Morning Star',
] as const;

const VARIANTS: readonly { en: string; ru: string; ro: string }[] = [
  { en: 'classic', ru: 'классический', ro: 'clasic' },
  { en: 'organic', ru: 'органический', ro: 'bio' },
  { en: 'light', ru: 'лёгкий', ro: 'light' },
  { en: 'premium', ru: 'премиум', ro: 'premium' },
  { en: 'homestyle', ru: 'домашний', ro: 'de casă' },
  { en: 'with honey', ru: 'с мёдом', ro: 'cu miere' },
  { en: 'with vanilla', ru: 'с ванилью', ro: 'cu vanilie' },
  { en: 'mild', ru: 'мягкий', ro: 'dulce' },
];

/** GS1 prefixes of our markets, so demo barcodes look like the real shelf. */
const GS1_PREFIXES = ['460', '461', '465', '482', '484', '594'] as const;

/** Products 0..count-1 in a fixed order. Product i is the same whatever `count` is. */
export function* demoProducts(count: number, seed = 1): Generator<DemoProduct> {
  let pluCounter = 0;
  for (let i = 0; i < count; i++) {
    const rand = prng(seed * 1_000_003 + i);
    const kind = pick(rand, KINDS);
    const brand = pick(rand, BRANDS);
    const variant = pick(rand, VARIANTS);
    const size = pick(rand, kind.sizes);
    const weighed = kind.weighed === true && pluCounter < 99_999;
    const sku = `SKU-${String(i + 1).padStart(7, '0')}`;
    // The product index is embedded so every product's barcode is unique by construction.
    const ean = withCheckDigit(`${pick(rand, GS1_PREFIXES)}${String(i).padStart(9, '0')}`);
    const barcodes = [ean];
    if (i % 10 === 3) barcodes.push(withCheckDigit(`${GS1_PREFIXES[(i >> 4) % GS1_PREFIXES.length]}9${String(i).padStart(8, '0')}`));
    const sizeText = weighed ? '' : ` ${size}`;
    yield {
      sku,
      barcodes,
      names: {
        en: `${kind.en} ${brand} ${variant.en}${sizeText}`,
        ru: `${kind.ru} ${brand} ${variant.ru}${sizeText}`,
        ro: `${kind.ro} ${brand} ${variant.ro}${sizeText}`,
      },
      vatCategory: kind.vat,
      soldBy: weighed ? 'weight' : 'unit',
      plu: weighed ? String(++pluCounter).padStart(5, '0') : null,
      basePriceEurCents: 29 + Math.floor(rand() * 2500),
    };
  }
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

const FIRST_NAMES: Record<Country, readonly string[]> = {
  RU: ['Анна', 'Мария', 'Елена', 'Ольга', 'Ирина', 'Дмитрий', 'Алексей', 'Сергей', 'Наталья', 'Иван'],
  UA: ['Олена', 'Оксана', 'Тетяна', 'Андрій', 'Олександр', 'Юлія', 'Марія', 'Богдан', 'Ірина', 'Василь'],
  RO: ['Ioana', 'Maria', 'Elena', 'Andrei', 'Mihai', 'Ana', 'Ștefan', 'Cristina', 'Gheorghe', 'Alexandra'],
  MD: ['Ion', 'Natalia', 'Tatiana', 'Vasile', 'Olga', 'Victor', 'Doina', 'Ana', 'Sergiu', 'Mariana'],
};
const LAST_NAMES: Record<Country, readonly string[]> = {
  RU: ['Иванова', 'Смирнова', 'Кузнецова', 'Попов', 'Васильев', 'Петрова', 'Соколов', 'Михайлова', 'Новиков', 'Фёдорова'],
  UA: ['Шевченко', 'Коваленко', 'Бондаренко', 'Ткаченко', 'Кравченко', 'Олійник', 'Мельник', 'Лисенко', 'Марченко', 'Руденко'],
  RO: ['Popescu', 'Ionescu', 'Popa', 'Dumitru', 'Stan', 'Stoica', 'Gheorghiu', 'Munteanu', 'Țurcanu', 'Constantinescu'],
  MD: ['Rusu', 'Ceban', 'Ciobanu', 'Țurcan', 'Lungu', 'Cojocaru', 'Moraru', 'Sârbu', 'Munteanu', 'Băluță'],
};

/** Mobile number plans: country calling code, national prefixes, subscriber digits. */
const MOBILE_PLANS: Record<Country, { cc: string; prefixes: readonly string[]; rest: number }> = {
  RU: { cc: '7', prefixes: ['903', '905', '915', '916', '925', '926', '977', '985', '999'], rest: 7 },
  UA: { cc: '380', prefixes: ['50', '63', '66', '67', '68', '73', '93', '95', '96', '97', '98', '99'], rest: 7 },
  RO: { cc: '40', prefixes: ['722', '723', '744', '745', '755', '766', '788'], rest: 6 },
  MD: { cc: '373', prefixes: ['60', '67', '68', '69', '78', '79'], rest: 6 },
};

const COUNTRY_MIX: readonly Country[] = ['RU', 'RU', 'RU', 'UA', 'UA', 'RO', 'RO', 'MD', 'MD', 'MD'];

/**
 * Customers 0..count-1. Phone numbers are unique by construction: the customer index is
 * folded into the subscriber digits, so a million customers never collide.
 */
export function* demoCustomers(count: number, seed = 1): Generator<DemoCustomer> {
  for (let i = 0; i < count; i++) {
    const rand = prng(seed * 7_000_003 + i);
    const country = COUNTRY_MIX[i % COUNTRY_MIX.length] as Country;
    const plan = MOBILE_PLANS[country];
    const first = pick(rand, FIRST_NAMES[country]);
    const last = pick(rand, LAST_NAMES[country]);
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
      email: rand() < 0.6 ? `customer${i + 1}@example.com` : null,
      country,
      phones,
    };
  }
}

export interface DemoStore {
  readonly id: string;
  readonly name: string;
  readonly country: Country;
  readonly currency: Currency;
  readonly tills: readonly string[];
}

/** Three stores in two countries: what `--demo` seeds on central and what demo tills pair with. */
export const DEMO_STORES: readonly DemoStore[] = [
  { id: 'RO-BUC-01', name: 'București Unirii', country: 'RO', currency: 'RON', tills: ['RO-BUC-01-T1', 'RO-BUC-01-T2'] },
  { id: 'RO-CLJ-01', name: 'Cluj-Napoca Centru', country: 'RO', currency: 'RON', tills: ['RO-CLJ-01-T1'] },
  { id: 'MD-CHI-01', name: 'Chișinău Botanica', country: 'MD', currency: 'MDL', tills: ['MD-CHI-01-T1', 'MD-CHI-01-T2'] },
];

export interface DemoCartLine {
  readonly sku: string;
  readonly quantity: number;
  /** Minutes before DEMO_NOW the customer put the item in the cart. */
  readonly minutesAgo: number;
}

export interface DemoOnlineActivity {
  readonly carts: readonly { readonly channel: 'web' | 'app'; readonly lines: readonly DemoCartLine[] }[];
  readonly favourites: readonly { readonly sku: string; readonly channel: 'web' | 'app'; readonly minutesAgo: number }[];
}

/** The instant demo activity is relative to, so seeded data is identical on every run. */
export const DEMO_NOW = '2026-11-01T09:00:00.000Z';

function skuOf(index: number): string {
  return `SKU-${String(index + 1).padStart(7, '0')}`;
}

/**
 * What customer `customerIndex` did in the web shop and the app: about one in eleven left a
 * cart (1–4 lines), about one in ten keeps favourites (1–5), as in a real chain where most
 * customers only ever buy in the store. Depends only on the index, the catalogue size and the seed.
 */
export function demoOnlineActivity(customerIndex: number, productCount: number, seed = 1): DemoOnlineActivity {
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
