import { describe, expect, it } from 'vitest';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { demoCustomers, demoProducts, priceIn } from '../../core/demo/generator.js';
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
    for (const p of products.slice(0, 500)) {
      expect(p.names.ru).toMatch(/[а-яё]/i);
      // Brands keep their own script; the product word is in the name's language.
      expect(p.names.en).toMatch(/^[A-Za-z]/);
      expect(p.names.ro).toMatch(/^[A-Za-zĂÂÎȘȚăâîșț]/);
    }
    const weighed = products.filter((p) => p.soldBy === 'weight');
    expect(weighed.length).toBeGreaterThan(1000);
    expect(new Set(weighed.map((p) => p.plu)).size).toBe(weighed.length);
    expect(weighed.every((p) => /^\d{5}$/.test(p.plu ?? ''))).toBe(true);
    expect(new Set(products.map((p) => p.vatCategory))).toEqual(new Set(['reduced', 'standard']));
    for (const c of CURRENCIES) expect(products.slice(0, 200).every((p) => priceIn(p, c) > 0 && [90, 99].includes(priceIn(p, c) % 100))).toBe(true);
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
