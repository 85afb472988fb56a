import { z } from 'zod';
import { text } from '../../core/text.js';
import { parseAmount, type Currency } from '../../core/money.js';
import { VAT_CATEGORIES } from '../../core/vat.js';
import { isValidGtin } from '../../core/scan/barcode.js';
import type { Db, Queryable } from './db.js';
import { ApiError } from './errors.js';
import { recordChanges } from './changes.js';
import { parseCsv } from './csv.js';

/**
 * Catalogue import from CSV, all or nothing. Columns: sku, name_en, name_ru, name_ro,
 * vat_category, sold_by, and optionally category, brand (what a campaign's rules.brands names), plu, barcodes (separated by spaces or
 * "|"), and one `price.<storeId>` column per store, in the store's currency ("12.90").
 */
const STORE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export const REQUIRED_COLUMNS = ['sku', 'name_en', 'name_ru', 'name_ro', 'vat_category', 'sold_by'] as const;

const Row = z.object({
  sku: text({ min: 1, max: 64, trim: true }),
  name_en: text({ min: 1, max: 200, trim: true }),
  name_ru: text({ min: 1, max: 200, trim: true }),
  name_ro: text({ min: 1, max: 200, trim: true }),
  vat_category: z.enum(VAT_CATEGORIES),
  sold_by: z.enum(['unit', 'weight']),
  category: text({ max: 100, trim: true }).default(''),
  brand: text({ max: 64, trim: true })
    .default('')
    .transform((b) => (b === '' ? null : b)),
  plu: z
    .string()
    .trim()
    .regex(/^(\d{4,6})?$/)
    .transform((p) => (p === '' ? null : p))
    .default(null),
  barcodes: z
    .string()
    .default('')
    .transform((s) => s.split(/[\s|]+/).filter((b) => b.length > 0))
    .pipe(z.array(text({ max: 64 })).max(20)),
});

export interface ProductInput {
  readonly sku: string;
  readonly names: { readonly en: string; readonly ru: string; readonly ro: string };
  readonly vatCategory: (typeof VAT_CATEGORIES)[number];
  readonly soldBy: 'unit' | 'weight';
  readonly category: string;
  /** null: no brand (no brand campaign targets it). */
  readonly brand: string | null;
  readonly plu: string | null;
  readonly barcodes: readonly string[];
}

export interface PriceInput {
  readonly storeId: string;
  readonly sku: string;
  readonly priceMinor: number;
}

export interface ImportProblem {
  readonly line: number;
  readonly message: string;
}

export async function importCatalogueCsv(db: Db, csv: string): Promise<{ products: number; prices: number }> {
  let table: string[][];
  try {
    table = parseCsv(csv);
  } catch (e) {
    throw new ApiError('INPUT_INVALID', `not CSV: ${(e as Error).message}`);
  }
  const header = (table[0] ?? []).map((h) => h.trim());
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) throw new ApiError('INPUT_INVALID', `missing columns: ${missing.join(', ')}`);
  const priceColumns = header.map((h, i) => ({ storeId: /^price\.(.+)$/.exec(h)?.[1], i })).filter((c) => c.storeId !== undefined);
  // A store id is a plain identifier: anything else in a column name is refused before it reaches the database.
  const badColumn = priceColumns.find((c) => !STORE_ID.test(c.storeId as string));
  if (badColumn) throw new ApiError('INPUT_INVALID', `column price.${JSON.stringify(badColumn.storeId)} does not name a store id`);
  const { rows: stores } = await db.query<{ id: string; currency: Currency }>(`SELECT id, currency FROM stores WHERE id = ANY($1)`, [
    priceColumns.map((c) => c.storeId),
  ]);
  const currencyOf = new Map(stores.map((s) => [s.id, s.currency]));
  const problems: ImportProblem[] = [];
  for (const c of priceColumns) {
    if (!currencyOf.has(c.storeId as string)) problems.push({ line: 1, message: `unknown store in column price.${c.storeId}` });
  }
  const products: ProductInput[] = [];
  const prices: PriceInput[] = [];
  const seen = new Set<string>();
  table.slice(1).forEach((cells, index) => {
    const line = index + 2;
    const record = Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
    const parsed = Row.safeParse(record);
    if (!parsed.success) {
      problems.push({ line, message: z.prettifyError(parsed.error).replace(/\n/g, '; ') });
      return;
    }
    const r = parsed.data;
    if (seen.has(r.sku)) problems.push({ line, message: `SKU ${r.sku} appears twice` });
    seen.add(r.sku);
    const badBarcode = r.barcodes.find((b) => /^\d+$/.test(b) && !isValidGtin(b));
    if (badBarcode) problems.push({ line, message: `barcode ${badBarcode} has a wrong check digit` });
    products.push({
      sku: r.sku,
      names: { en: r.name_en, ru: r.name_ru, ro: r.name_ro },
      vatCategory: r.vat_category,
      soldBy: r.sold_by,
      category: r.category,
      brand: r.brand,
      plu: r.plu,
      barcodes: r.barcodes,
    });
    for (const c of priceColumns) {
      const text = (cells[c.i] ?? '').trim();
      const currency = currencyOf.get(c.storeId as string);
      if (text === '' || !currency) continue;
      const minor = parseAmount(text, currency);
      if (minor === null) problems.push({ line, message: `price.${c.storeId}: "${text}" is not an amount` });
      else prices.push({ storeId: c.storeId as string, sku: r.sku, priceMinor: minor });
    }
  });
  if (problems.length > 0) {
    throw new ApiError('INPUT_INVALID', `${problems.length} problem(s) in the CSV; nothing was imported`, problems.slice(0, 50));
  }
  await db.transaction(async (tx) => {
    await upsertProducts(tx, products);
    await upsertPrices(tx, prices);
  });
  return { products: products.length, prices: prices.length };
}

const CHUNK = 5_000;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** Set-based upsert of products with their barcodes; a barcode owned by another SKU aborts the import. */
export async function upsertProducts(tx: Queryable, products: readonly ProductInput[]): Promise<void> {
  for (const chunk of chunks(products)) {
    const rows = chunk.map((p) => ({
      sku: p.sku,
      en: p.names.en,
      ru: p.names.ru,
      ro: p.names.ro,
      vat: p.vatCategory,
      cat: p.category,
      brand: p.brand,
      sold: p.soldBy,
      plu: p.plu,
    }));
    await tx.query(
      `INSERT INTO products (sku, name_en, name_ru, name_ro, vat_category, category, brand, sold_by, plu)
       SELECT sku, en, ru, ro, vat, cat, brand, sold, plu
       FROM jsonb_to_recordset($1::jsonb) AS r(sku text, en text, ru text, ro text, vat text, cat text, brand text, sold text, plu text)
       ON CONFLICT (sku) DO UPDATE SET name_en = EXCLUDED.name_en, name_ru = EXCLUDED.name_ru, name_ro = EXCLUDED.name_ro,
         vat_category = EXCLUDED.vat_category, category = EXCLUDED.category, brand = EXCLUDED.brand, sold_by = EXCLUDED.sold_by, plu = EXCLUDED.plu,
         updated_at = now()`,
      [JSON.stringify(rows)],
    );
    const skus = chunk.map((p) => p.sku);
    await tx.query(`DELETE FROM product_barcodes WHERE sku = ANY($1)`, [skus]);
    const codes = chunk.flatMap((p) => p.barcodes.map((code) => ({ code, sku: p.sku })));
    const inserted = await tx.query<{ code: string }>(
      `INSERT INTO product_barcodes (code, sku) SELECT code, sku FROM jsonb_to_recordset($1::jsonb) AS b(code text, sku text)
       ON CONFLICT (code) DO NOTHING RETURNING code`,
      [JSON.stringify(codes)],
    );
    if (inserted.rowCount !== codes.length) {
      const taken = new Set(inserted.rows.map((r) => r.code));
      const clash = codes.filter((c) => !taken.has(c.code)).slice(0, 20);
      throw new ApiError('CONFLICT', 'barcodes already belong to other products (or repeat); nothing was imported', clash);
    }
    await recordChanges(tx, 'product', skus);
  }
}

export async function upsertPrices(tx: Queryable, prices: readonly PriceInput[]): Promise<void> {
  for (const chunk of chunks(prices)) {
    await tx.query(
      `INSERT INTO store_prices (store_id, sku, price_minor)
       SELECT "storeId", sku, "priceMinor" FROM jsonb_to_recordset($1::jsonb) AS p("storeId" text, sku text, "priceMinor" bigint)
       ON CONFLICT (store_id, sku) DO UPDATE SET price_minor = EXCLUDED.price_minor`,
      [JSON.stringify(chunk)],
    );
    const byStore = new Map<string, string[]>();
    for (const p of chunk) {
      const skus = byStore.get(p.storeId) ?? [];
      skus.push(p.sku);
      byStore.set(p.storeId, skus);
    }
    for (const [storeId, skus] of byStore) await recordChanges(tx, 'price', skus, storeId);
  }
}
