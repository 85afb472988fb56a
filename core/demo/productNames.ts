import type { VatCategory } from '../vat.js';

/**
 * What demo product names are made of, per language, so that a name reads as the shelf label
 * would in that language: the brand in the name's own script, the adjective agreeing with its
 * noun (Russian and Romanian gender and number), units and decimal commas as written locally.
 */

export type Language = 'en' | 'ru' | 'ro';
type RuGender = 'm' | 'f' | 'n' | 'pl';
/** Romanian: a neuter noun takes the masculine form in the singular and the feminine in the plural. */
type RoGender = 'm' | 'f' | 'n' | 'mpl' | 'fpl';

interface Adjective {
  readonly en: string;
  readonly ru: Readonly<Record<RuGender, string>>;
  /** Masculine, feminine, masculine plural, feminine plural. */
  readonly ro: readonly [string, string, string, string];
}

const same = (word: string): Readonly<Record<RuGender, string>> => ({ m: word, f: word, n: word, pl: word });
const ruForms = (m: string, f: string, n: string, pl: string) => ({ m, f, n, pl });

const ADJECTIVES = {
  classic: { en: 'classic', ru: ruForms('классический', 'классическая', 'классическое', 'классические'), ro: ['clasic', 'clasică', 'clasici', 'clasice'] },
  organic: { en: 'organic', ru: ruForms('органический', 'органическая', 'органическое', 'органические'), ro: ['ecologic', 'ecologică', 'ecologici', 'ecologice'] },
  light: { en: 'light', ru: ruForms('лёгкий', 'лёгкая', 'лёгкое', 'лёгкие'), ro: ['ușor', 'ușoară', 'ușori', 'ușoare'] },
  premium: { en: 'premium', ru: same('премиум'), ro: ['premium', 'premium', 'premium', 'premium'] },
  homestyle: { en: 'homestyle', ru: ruForms('домашний', 'домашняя', 'домашнее', 'домашние'), ro: ['de casă', 'de casă', 'de casă', 'de casă'] },
  mild: { en: 'mild', ru: ruForms('мягкий', 'мягкая', 'мягкое', 'мягкие'), ro: ['fin', 'fină', 'fini', 'fine'] },
  honey: { en: 'with honey', ru: same('с мёдом'), ro: ['cu miere', 'cu miere', 'cu miere', 'cu miere'] },
  vanilla: { en: 'with vanilla', ru: same('с ванилью'), ro: ['cu vanilie', 'cu vanilie', 'cu vanilie', 'cu vanilie'] },
  white: { en: 'white', ru: ruForms('белый', 'белая', 'белое', 'белые'), ro: ['alb', 'albă', 'albi', 'albe'] },
  black: { en: 'black', ru: ruForms('чёрный', 'чёрная', 'чёрное', 'чёрные'), ro: ['negru', 'neagră', 'negri', 'negre'] },
  blue: { en: 'blue', ru: ruForms('синий', 'синяя', 'синее', 'синие'), ro: ['albastru', 'albastră', 'albaștri', 'albastre'] },
} as const satisfies Record<string, Adjective>;
type AdjectiveId = keyof typeof ADJECTIVES;

type Unit = 'l' | 'ml' | 'g' | 'kg' | 'pcs' | 'bags' | 'sheets' | 'size';
interface Size {
  readonly amount: number | string;
  readonly unit: Unit;
}

export interface Kind {
  readonly en: string;
  readonly ru: string;
  readonly ro: string;
  readonly ruGender: RuGender;
  readonly roGender: RoGender;
  readonly vat: VatCategory;
  readonly category: string;
  readonly variants: readonly AdjectiveId[];
  readonly sizes: readonly Size[];
  readonly weighed?: boolean;
}

const u = (amount: number | string, unit: Unit): Size => ({ amount, unit });
const litres = (...xs: number[]) => xs.map((x) => u(x, 'l'));
const grams = (...xs: number[]) => xs.map((x) => (x >= 1000 ? u(x / 1000, 'kg') : u(x, 'g')));
const SHOE_SIZES = [36, 37, 38, 39, 40, 41, 42, 43, 44, 45].map((s) => u(s, 'size'));
const SHIRT_SIZES = ['S', 'M', 'L', 'XL'].map((s) => u(s, 'size'));
const DAIRY: readonly AdjectiveId[] = ['classic', 'organic', 'light', 'homestyle'];
const GRAIN: readonly AdjectiveId[] = ['classic', 'organic', 'premium'];
const COLOURS: readonly AdjectiveId[] = ['white', 'black', 'blue'];

export const KINDS: readonly Kind[] = [
  { en: 'Milk', ru: 'Молоко', ro: 'Lapte', ruGender: 'n', roGender: 'n', vat: 'reduced', category: 'dairy', variants: DAIRY, sizes: litres(0.5, 1, 2) },
  { en: 'Kefir', ru: 'Кефир', ro: 'Chefir', ruGender: 'm', roGender: 'n', vat: 'reduced', category: 'dairy', variants: DAIRY, sizes: litres(0.5, 1) },
  { en: 'Sour cream', ru: 'Сметана', ro: 'Smântână', ruGender: 'f', roGender: 'f', vat: 'reduced', category: 'dairy', variants: DAIRY, sizes: grams(200, 400) },
  { en: 'Butter', ru: 'Масло сливочное', ro: 'Unt', ruGender: 'n', roGender: 'n', vat: 'reduced', category: 'dairy', variants: ['classic', 'homestyle', 'premium'], sizes: grams(180, 200) },
  { en: 'Bread', ru: 'Хлеб', ro: 'Pâine', ruGender: 'm', roGender: 'f', vat: 'reduced', category: 'bakery', variants: ['classic', 'homestyle', 'organic'], sizes: grams(400, 600) },
  { en: 'Buckwheat', ru: 'Гречка', ro: 'Hrișcă', ruGender: 'f', roGender: 'f', vat: 'reduced', category: 'grocery', variants: GRAIN, sizes: grams(800, 1000) },
  { en: 'Pasta', ru: 'Макароны', ro: 'Paste făinoase', ruGender: 'pl', roGender: 'fpl', vat: 'reduced', category: 'grocery', variants: GRAIN, sizes: grams(400, 500) },
  { en: 'Rice', ru: 'Рис', ro: 'Orez', ruGender: 'm', roGender: 'n', vat: 'reduced', category: 'grocery', variants: GRAIN, sizes: grams(900, 1000) },
  { en: 'Sunflower oil', ru: 'Масло подсолнечное', ro: 'Ulei de floarea-soarelui', ruGender: 'n', roGender: 'n', vat: 'reduced', category: 'grocery', variants: GRAIN, sizes: litres(1, 5) },
  { en: 'Eggs', ru: 'Яйца', ro: 'Ouă', ruGender: 'pl', roGender: 'fpl', vat: 'reduced', category: 'dairy', variants: ['homestyle', 'organic', 'premium'], sizes: [u(10, 'pcs'), u(30, 'pcs')] },
  { en: 'Tea', ru: 'Чай', ro: 'Ceai', ruGender: 'm', roGender: 'n', vat: 'reduced', category: 'drinks', variants: ['classic', 'premium', 'honey'], sizes: [u(25, 'bags'), u(100, 'g')] },
  { en: 'Coffee', ru: 'Кофе', ro: 'Cafea', ruGender: 'm', roGender: 'f', vat: 'standard', category: 'drinks', variants: ['classic', 'premium', 'mild'], sizes: grams(250, 1000) },
  { en: 'Chocolate', ru: 'Шоколад', ro: 'Ciocolată', ruGender: 'm', roGender: 'f', vat: 'standard', category: 'sweets', variants: ['classic', 'premium', 'vanilla'], sizes: grams(90, 200) },
  { en: 'Juice', ru: 'Сок', ro: 'Suc', ruGender: 'm', roGender: 'n', vat: 'standard', category: 'drinks', variants: ['classic', 'organic', 'premium'], sizes: litres(1, 2) },
  { en: 'Mineral water', ru: 'Минеральная вода', ro: 'Apă minerală', ruGender: 'f', roGender: 'f', vat: 'standard', category: 'drinks', variants: ['classic', 'premium'], sizes: litres(0.5, 1.5) },
  { en: 'Shampoo', ru: 'Шампунь', ro: 'Șampon', ruGender: 'm', roGender: 'n', vat: 'standard', category: 'personal-care', variants: ['classic', 'mild', 'honey'], sizes: [u(250, 'ml'), u(400, 'ml')] },
  { en: 'Toothpaste', ru: 'Зубная паста', ro: 'Pastă de dinți', ruGender: 'f', roGender: 'f', vat: 'standard', category: 'personal-care', variants: ['classic', 'mild'], sizes: [u(75, 'ml'), u(100, 'ml')] },
  { en: 'Washing powder', ru: 'Стиральный порошок', ro: 'Detergent de rufe', ruGender: 'm', roGender: 'm', vat: 'standard', category: 'household', variants: ['classic', 'premium'], sizes: grams(450, 3000) },
  { en: 'Sponges', ru: 'Губки', ro: 'Bureți', ruGender: 'pl', roGender: 'mpl', vat: 'standard', category: 'household', variants: ['classic', 'premium'], sizes: [u(5, 'pcs'), u(10, 'pcs')] },
  { en: 'Notebook', ru: 'Тетрадь', ro: 'Caiet', ruGender: 'f', roGender: 'n', vat: 'standard', category: 'stationery', variants: ['classic', 'blue', 'black'], sizes: [u(48, 'sheets'), u(96, 'sheets')] },
  { en: 'Baby puree', ru: 'Детское пюре', ro: 'Piure pentru copii', ruGender: 'n', roGender: 'n', vat: 'reduced', category: 'baby', variants: ['organic', 'classic'], sizes: grams(90, 125) },
  { en: 'Sneakers', ru: 'Кроссовки', ro: 'Pantofi sport', ruGender: 'pl', roGender: 'mpl', vat: 'standard', category: 'footwear', variants: COLOURS, sizes: SHOE_SIZES },
  { en: 'T-shirt', ru: 'Футболка', ro: 'Tricou', ruGender: 'f', roGender: 'n', vat: 'standard', category: 'clothing', variants: COLOURS, sizes: SHIRT_SIZES },
  { en: 'Apples', ru: 'Яблоки', ro: 'Mere', ruGender: 'pl', roGender: 'fpl', vat: 'reduced', category: 'produce', variants: ['organic', 'classic'], sizes: [], weighed: true },
  { en: 'Bananas', ru: 'Бананы', ro: 'Banane', ruGender: 'pl', roGender: 'fpl', vat: 'reduced', category: 'produce', variants: ['organic', 'classic'], sizes: [], weighed: true },
  { en: 'Tomatoes', ru: 'Помидоры', ro: 'Roșii', ruGender: 'pl', roGender: 'fpl', vat: 'reduced', category: 'produce', variants: ['organic', 'homestyle'], sizes: [], weighed: true },
  { en: 'Cheese', ru: 'Сыр', ro: 'Cașcaval', ruGender: 'm', roGender: 'n', vat: 'reduced', category: 'deli', variants: ['classic', 'mild', 'premium'], sizes: [], weighed: true },
  { en: 'Smoked sausage', ru: 'Колбаса копчёная', ro: 'Salam afumat', ruGender: 'f', roGender: 'n', vat: 'reduced', category: 'deli', variants: ['classic', 'homestyle', 'premium'], sizes: [], weighed: true },
  { en: 'Sweets', ru: 'Конфеты', ro: 'Bomboane', ruGender: 'pl', roGender: 'fpl', vat: 'standard', category: 'sweets', variants: ['classic', 'vanilla', 'premium'], sizes: [], weighed: true },
];

/** Every brand in both scripts: a Russian label spells it in Cyrillic, an English or Romanian one in Latin. */
export const BRANDS: readonly { readonly latin: string; readonly cyrillic: string }[] = [
  { latin: 'Zorile', cyrillic: 'Зориле' }, { latin: 'Lunca', cyrillic: 'Лунка' }, { latin: 'Codru', cyrillic: 'Кодру' },
  { latin: 'Bucovina', cyrillic: 'Буковина' }, { latin: 'Carpați', cyrillic: 'Карпаты' }, { latin: 'Prut', cyrillic: 'Прут' },
  { latin: 'Nistru', cyrillic: 'Нистру' }, { latin: 'Volga', cyrillic: 'Волга' }, { latin: 'Ladoga', cyrillic: 'Ладога' },
  { latin: 'Severnoe', cyrillic: 'Северное' }, { latin: 'Dubrava', cyrillic: 'Дубрава' }, { latin: 'Solnechnoe', cyrillic: 'Солнечное' },
  { latin: 'Polesie', cyrillic: 'Полесье' }, { latin: 'Dnipro', cyrillic: 'Днепр' }, { latin: 'Ștefănești', cyrillic: 'Штефэнешть' },
  { latin: 'Green Hill', cyrillic: 'Грин Хилл' }, { latin: 'Casa Bună', cyrillic: 'Каса Бунэ' }, { latin: 'Vesyoly Fermer', cyrillic: 'Весёлый фермер' },
  { latin: 'Dobry Den', cyrillic: 'Добрый день' }, { latin: 'Morning Star', cyrillic: 'Морнинг Стар' },
];

/** Russian plural forms (one, few, many) by the number's last digits. */
function ruPlural(n: number, forms: readonly [string, string, string]): string {
  const tens = n % 100;
  const ones = n % 10;
  if (ones === 1 && tens !== 11) return forms[0];
  if (ones >= 2 && ones <= 4 && (tens < 12 || tens > 14)) return forms[1];
  return forms[2];
}

function amountText(amount: number | string, lang: Language): string {
  if (typeof amount === 'string') return amount;
  const text = String(amount);
  return lang === 'en' ? text : text.replace('.', ',');
}

/** A size as the label writes it: "0.5 l", "0,5 л", "48 листов", "48 de file", "size 38", "размер 38". */
export function sizeText(size: Size, lang: Language): string {
  const n = typeof size.amount === 'number' ? size.amount : 0;
  const a = amountText(size.amount, lang);
  // Romanian puts "de" between a number ending in 00 or 20–99 and its noun ("48 de file", "5 plicuri").
  const de = n >= 20 && (n % 100 === 0 || n % 100 >= 20) ? 'de ' : '';
  switch (size.unit) {
    case 'l':
      return `${a} ${lang === 'ru' ? 'л' : 'l'}`;
    case 'ml':
      return `${a} ${lang === 'ru' ? 'мл' : 'ml'}`;
    case 'g':
      return `${a} ${lang === 'ru' ? 'г' : 'g'}`;
    case 'kg':
      return `${a} ${lang === 'ru' ? 'кг' : 'kg'}`;
    case 'pcs':
      return `${a} ${lang === 'ru' ? 'шт.' : lang === 'ro' ? 'buc.' : 'pcs'}`;
    case 'bags':
      return lang === 'ru' ? `${a} ${ruPlural(n, ['пакетик', 'пакетика', 'пакетиков'])}` : lang === 'ro' ? `${a} ${de}plicuri` : `${a} tea bags`;
    case 'sheets':
      return lang === 'ru' ? `${a} ${ruPlural(n, ['лист', 'листа', 'листов'])}` : lang === 'ro' ? `${a} ${de}file` : `${a} sheets`;
    case 'size':
      return lang === 'ru' ? `размер ${a}` : lang === 'ro' ? `mărimea ${a}` : `size ${a}`;
  }
}

const RO_FORM: Record<RoGender, 0 | 1 | 2 | 3> = { m: 0, n: 0, f: 1, mpl: 2, fpl: 3 };

/** The adjective in the form the kind's noun takes. */
export function adjectiveFor(kind: Kind, id: AdjectiveId, lang: Language): string {
  const a: Adjective = ADJECTIVES[id];
  if (lang === 'en') return a.en;
  if (lang === 'ru') return a.ru[kind.ruGender];
  return a.ro[RO_FORM[kind.roGender]];
}

/** One product's three names: noun, brand in the label's script, agreeing adjective, size. */
export function productNames(kind: Kind, brand: (typeof BRANDS)[number], variant: AdjectiveId, size: Size | null): Record<Language, string> {
  const name = (lang: Language) => {
    const b = lang === 'ru' ? `«${brand.cyrillic}»` : brand.latin;
    const s = size === null ? '' : size.unit === 'size' ? `, ${sizeText(size, lang)}` : ` ${sizeText(size, lang)}`;
    return `${kind[lang]} ${b} ${adjectiveFor(kind, variant, lang)}${s}`;
  };
  return { en: name('en'), ru: name('ru'), ro: name('ro') };
}
