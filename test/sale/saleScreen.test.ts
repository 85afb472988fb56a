import { join } from 'node:path';
import { rawTillDatabase } from '../helpers/tillDb.js';
import { describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../core/scan/barcode.js';
import type { ProductHit, SaleView } from '../../core/sale/contract.js';
import { foldSearchText, productSearchText } from '../../core/sale/search.js';
import { loadMigrations, migrate, type TillDatabase } from '../../electron/backend/db.js';
import { writeSettings } from '../../electron/backend/settings.js';
import { startTill } from '../../electron/backend/till.js';
import { errorCode, ok, openTestTill, silentLog } from '../helpers/till.js';
import { tempDir } from '../helpers/tmp.js';

/** What the sale screen's issue (14, items 8–10) asked of the backend: one line per product, messages that say what happened, search as people type. */

function unitBarcodes(db: TillDatabase, n: number): string[] {
  return (
    db
      .prepare(`SELECT MIN(b.code) AS code FROM barcodes b JOIN products p USING (sku) WHERE p.sold_by = 'unit' AND length(b.code) = 13 AND substr(b.code, 1, 1) <> '2' GROUP BY p.sku ORDER BY p.sku LIMIT ?`)
      .all(n) as { code: string }[]
  ).map((r) => r.code);
}

const live = (sale: SaleView) => sale.lines.filter((l) => !l.voided).map((l) => [l.sku, l.quantity]);

describe('a product scanned again', () => {
  it('adds to its own line wherever it is in the sale, on screen and in the stored sale', async () => {
    const till = openTestTill();
    const [a, b, c] = unitBarcodes(till.db, 3) as [string, string, string];
    ok(await till.dispatch('sale.scan', { code: a }));
    ok(await till.dispatch('sale.scan', { code: b }));
    ok(await till.dispatch('sale.scan', { code: c }));
    const sale = ok(await till.dispatch('sale.scan', { code: a })) as SaleView;
    expect(sale.lines).toHaveLength(3);
    expect(sale.lines[0]?.quantity).toBe(2);
    // A voided line is not added to: the next scan starts a live line of its own.
    ok(await till.dispatch('sale.voidLine', { lineId: sale.lines[1]!.id }));
    const after = ok(await till.dispatch('sale.scan', { code: b })) as SaleView;
    expect(after.lines).toHaveLength(4);
    expect(after.lines[3]).toMatchObject({ sku: sale.lines[1]!.sku, quantity: 1, voided: false });
    const rows = till.db.prepare('SELECT sku, quantity FROM sale_lines WHERE sale_id = ? AND voided_at IS NULL ORDER BY position').all(sale.id);
    expect(rows.map((r) => Object.values(r as object))).toEqual(live(after));
    till.close();
  });

  it('adds a searched product to its scanned line too, and keeps each scan on a line of its own where the store says so', async () => {
    const till = openTestTill();
    const [a, b] = unitBarcodes(till.db, 2) as [string, string];
    const skuA = (till.db.prepare('SELECT sku FROM barcodes WHERE code = ?').get(a) as { sku: string }).sku;
    ok(await till.dispatch('sale.scan', { code: a }));
    ok(await till.dispatch('sale.scan', { code: b }));
    const merged = ok(await till.dispatch('sale.addProduct', { sku: skuA })) as SaleView;
    expect(merged.lines.map((l) => l.quantity)).toEqual([2, 1]);
    till.close();

    const db = rawTillDatabase(till.file);
    writeSettings(db, { separateLines: true });
    db.close();
    const separate = startTill({ databaseFile: till.file, language: 'en', log: silentLog, printQueue: false });
    expect(separate.settings.separateLines).toBe(true);
    const sale = ok(await separate.dispatch('sale.scan', { code: a })) as SaleView;
    expect(sale.lines).toHaveLength(3);
    expect(sale.lines.filter((l) => l.sku === skuA).map((l) => l.quantity)).toEqual([2, 1]);
    await separate.close();
  });
});

describe('messages that say what happened', () => {
  it('a weighed item’s own EAN asks for its weight instead of saying it cannot be changed', async () => {
    const till = openTestTill({ products: 2000 });
    const { code } = till.db
      .prepare(`SELECT MIN(b.code) AS code FROM barcodes b JOIN products p USING (sku) WHERE p.sold_by = 'weight'`)
      .get() as { code: string };
    expect(code).toBeTruthy();
    const result = await till.dispatch('sale.scan', { code });
    expect(errorCode(result)).toBe('QTY_WEIGHT_NEEDED');
    expect(result.ok ? '' : result.error.message).toContain('sold by weight');
    expect(ok(await till.dispatch('sale.current', {}))).toBeNull();
    till.close();
  });

  it('text typed in the barcode box that is no barcode says so, and the scanner’s own errors stay', async () => {
    const till = openTestTill({ language: 'ru' });
    for (const typed of ['+7', '+7912', 'молоко', 'milk', 'two words', 'ab+c']) {
      const result = await till.dispatch('sale.scan', { code: typed, typed: true });
      expect(errorCode(result), typed).toBe('SCAN_NOT_A_BARCODE');
      expect(result.ok ? '' : result.error.message).toContain(`«${typed}» — это не штрихкод`);
    }
    // The same text from a scanner is not blamed on a person.
    expect(errorCode(await till.dispatch('sale.scan', { code: '+7912' }))).toBe('SCAN_UNKNOWN_CODE');
    // Typed digits that are a barcode keep the barcode's own messages.
    const [a] = unitBarcodes(till.db, 1) as [string];
    const wrong = a.slice(0, -1) + String((Number(a.at(-1)) + 1) % 10);
    expect(errorCode(await till.dispatch('sale.scan', { code: wrong, typed: true }))).toBe('SCAN_BAD_CHECK_DIGIT');
    expect(errorCode(await till.dispatch('sale.scan', { code: withCheckDigit('479999999999'), typed: true }))).toBe('SCAN_UNKNOWN_BARCODE');
    expect(ok(await till.dispatch('sale.current', {}))).toBeNull();
    const typedOk = ok(await till.dispatch('sale.scan', { code: a, typed: true })) as SaleView;
    expect(typedOk.lines).toHaveLength(1);
    till.close();
  });
});

describe('search as people type', () => {
  it('folds ё/е and ş/ș, ţ/ț the same way in the index and the query', () => {
    expect(foldSearchText('Копчёная ЁЛКА')).toBe('Копченая ЕЛКА');
    expect(foldSearchText('şuncă ŢUICĂ ș ț')).toBe('șuncă ȚUICĂ ș ț');
    expect(foldSearchText('йогурт')).toBe('йогурт'); // й is its own letter
    expect(productSearchText({ en: 'Smoked', ru: 'копчёная', ro: 'afumată' })).toBe('Smoked копченая afumată');
  });

  it('finds “копченая” and “копчёная”, “şuncă” and “șuncă”, also in rows indexed before the fold', async () => {
    const file = join(tempDir(), 'till.sqlite');
    const migrations = loadMigrations();
    const before = migrations.findIndex((m) => m.name.includes('search_fold'));
    expect(before).toBeGreaterThan(0);
    const old = rawTillDatabase(file);
    migrate(old, migrations.slice(0, before));
    const put = (sku: string, en: string, ru: string, ro: string) => {
      old.prepare(`INSERT INTO products (sku, name_en, name_ru, name_ro, vat_category, sold_by, plu, updated_at) VALUES (?, ?, ?, ?, 'standard', 'unit', NULL, '2026-12-01T00:00:00Z')`).run(sku, en, ru, ro);
      old.prepare(`INSERT INTO store_prices (store_id, sku, price_minor, currency) VALUES ('STORE-1', ?, 1000, 'MDL')`).run(sku);
      old.prepare('INSERT INTO product_search (sku, names) VALUES (?, ?)').run(sku, `${en} ${ru} ${ro}`); // as an earlier build indexed it
    };
    put('SKU-SAUSAGE', 'Smoked sausage', 'Колбаса копчёная', 'Salam afumat');
    put('SKU-HAM', 'Ham', 'Ветчина', 'Şuncă presată');
    put('SKU-PLUM', 'Plum brandy', 'Сливовица', 'Ţuică');
    old.close();

    const till = startTill({ databaseFile: file, language: 'en', log: silentLog, printQueue: false });
    const skus = async (query: string) => (ok(await till.dispatch('catalog.search', { query, limit: 5 })) as ProductHit[]).map((h) => h.sku);
    for (const q of ['копченая', 'копчёная', 'КОПЧЕНАЯ', 'колбаса копч']) expect(await skus(q), q).toEqual(['SKU-SAUSAGE']);
    for (const q of ['şuncă', 'șuncă', 'suncă', 'sunca']) expect(await skus(q), q).toEqual(['SKU-HAM']);
    for (const q of ['ţuică', 'țuică', 'tuica']) expect(await skus(q), q).toEqual(['SKU-PLUM']);
    expect(till.db.prepare(`SELECT COUNT(*) AS n FROM product_search WHERE instr(names, 'ё') > 0 OR instr(names, 'ş') > 0`).get()).toEqual({ n: 0 });
    await till.close();
  });
});
