import { describe, expect, it } from 'vitest';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { demoCustomers, demoProducts, NAMED_CUSTOMERS, priceIn } from '../../core/demo/generator.js';
import { isValidGtin } from '../../core/scan/barcode.js';
import { CURRENCIES } from '../../core/money.js';

describe('demo data generator', () => {
  it('is deterministic: the same seed gives the same data, product i does not depend on the count', () => {
    expect([...demoProducts(50, 7)]).toEqual([...demoProducts(50, 7)]);
    expect([...demoProducts(10, 7)]).toEqual([...demoProducts(50, 7)].slice(0, 10));
    expect([...demoProducts(50, 7)]).not.toEqual([...demoProducts(50, 8)]);
    expect([...demoCustomers(50, 3)]).toEqual([...demoCustomers(50, 3)]);
  });

  it('makes products with valid, unique EAN-13s, names in three languages, weighed items with PLUs', () => {
    const products = [...demoProducts(20_000)];
    const barcodes = products.flatMap((p) => p.barcodes);
    expect(new Set(barcodes).size).toBe(barcodes.length);
    expect(barcodes.every((b) => b.length === 13 && isValidGtin(b))).toBe(true);
    expect(new Set(products.map((p) => p.sku)).size).toBe(products.length);
    for (const p of products) {
      // Each name in its language's script, brand and units included ("Молоко «Ладога» … 1 л", "Milk Ladoga … 1 l").
      // Clothing sizes (S, M, L, XL) are written so on Russian labels too.
      expect(p.names.ru.replace(/, размер X?[SML]$/, ''), p.names.ru).not.toMatch(/[A-Za-z]/);
      expect(p.names.en, p.names.en).not.toMatch(/[\u0400-\u04FF]/);
      expect(p.names.ro, p.names.ro).not.toMatch(/[\u0400-\u04FF]/);
      // Decimal commas in Russian and Romanian.
      expect(p.names.ru).not.toMatch(/\d\.\d/);
      expect(p.names.ro).not.toMatch(/\d\.\d/);
      expect(p.category).not.toBe('');
    }
    const weighed = products.filter((p) => p.soldBy === 'weight');
    expect(weighed.length).toBeGreaterThan(1000);
    expect(new Set(weighed.map((p) => p.plu)).size).toBe(weighed.length);
    expect(weighed.every((p) => /^\d{5}$/.test(p.plu ?? ''))).toBe(true);
    expect(new Set(products.map((p) => p.vatCategory))).toEqual(new Set(['reduced', 'standard']));
    for (const c of CURRENCIES) expect(products.slice(0, 200).every((p) => priceIn(p, c) > 0 && [90, 99].includes(priceIn(p, c) % 100))).toBe(true);
  });

  it('makes Russian adjectives agree with their noun and writes units the local way', () => {
    const names = [...demoProducts(20_000)].map((p) => p.names);
    const ru = names.map((n) => n.ru);
    // The adjective right after the brand, by the noun's gender and number.
    const after = (noun: string) => ru.filter((n) => n.startsWith(`${noun} «`)).map((n) => /» (\S+)/.exec(n)?.[1] ?? '');
    const endings = (words: string[]) => new Set(words.filter((w) => /[а-яё]{4,}$/.test(w) && w !== 'премиум').map((w) => w.slice(-2)));
    expect(after('Гречка').length).toBeGreaterThan(0);
    for (const noun of ['Гречка', 'Сметана', 'Минеральная вода', 'Футболка']) expect([...endings(after(noun))].every((e) => ['ая', 'яя'].includes(e)), noun).toBe(true);
    for (const noun of ['Молоко', 'Детское пюре']) expect([...endings(after(noun))].every((e) => ['ое', 'ее'].includes(e)), noun).toBe(true);
    for (const noun of ['Макароны', 'Яйца', 'Кроссовки']) expect([...endings(after(noun))].every((e) => ['ые', 'ие'].includes(e)), noun).toBe(true);
    for (const noun of ['Кефир', 'Рис', 'Хлеб']) expect([...endings(after(noun))].every((e) => ['ый', 'ий', 'ой'].includes(e)), noun).toBe(true);
    expect(ru.some((n) => n.endsWith(' 0,5 л'))).toBe(true);
    expect(ru.some((n) => / \d+ (г|кг|мл|шт\.)$/.test(n))).toBe(true);
    expect(ru.some((n) => n.endsWith('48 листов'))).toBe(true);
    expect(names.some((n) => n.ro.endsWith('48 de file'))).toBe(true);
    expect(names.some((n) => n.en.endsWith(' 0.5 l'))).toBe(true);
    expect(names.some((n) => /^Sneakers .*, size \d\d$/.test(n.en))).toBe(true);
    // Romanian agrees too: "Apă minerală … clasică", "Lapte … clasic".
    expect(names.filter((n) => n.ro.startsWith('Apă minerală ')).every((n) => !/ clasic( |$)/.test(n.ro))).toBe(true);
  });

  it('gives every customer a name of one gender and an address made of it; the named customers come first', () => {
    const customers = [...demoCustomers(20_000)];
    expect(customers.slice(0, NAMED_CUSTOMERS.length).map((c) => c.name)).toEqual(['Ulyana Morari', 'Kostya Lungu', 'Timur Sârbu', 'Doina Rusu', 'Victor Ceban']);
    for (const c of customers.filter((x) => x.country === 'RU')) {
      const [first, last] = c.name.split(' ') as [string, string];
      // Russian female first names here end in -а/-я, and so do their surnames (Иванова); male ones do not.
      expect(/[ая]$/.test(first), c.name).toBe(/а$/.test(last));
    }
    const emails = customers.map((c) => c.email).filter((e): e is string => e !== null);
    expect(emails.every((e) => /^[a-z]+\.[a-z]+\d*@example\.com$/.test(e))).toBe(true);
    expect(new Set(emails).size).toBe(emails.length);
  });

  it('makes customers with valid, unique mobile phones in RU, UA, RO and MD', () => {
    const customers = [...demoCustomers(100_000)];
    const phones = customers.flatMap((c) => c.phones);
    expect(new Set(phones).size).toBe(phones.length);
    const countries = new Set<string>();
    for (const c of customers.slice(0, 3000)) {
      for (const phone of c.phones) {
        const parsed = parsePhoneNumberFromString(phone);
        expect(parsed?.isValid(), phone).toBe(true);
        expect(parsed?.country).toBe(c.country);
        expect(parsed?.getType(), phone).toMatch(/MOBILE/);
        expect(parsed?.number).toBe(phone);
        countries.add(parsed?.country ?? '');
      }
    }
    expect(countries).toEqual(new Set(['RU', 'UA', 'RO', 'MD']));
  });
});
