import { TillError } from '../../../core/errors.js';
import { foldSearchText } from '../../../core/sale/search.js';
import type { VatCategory } from '../../../core/vat.js';
import type { ProductHit } from '../../../core/sale/contract.js';
import type { TillDatabase } from '../db.js';
import type { TillSettings } from '../settings.js';

export interface PricedProduct {
  readonly sku: string;
  readonly names: { readonly en: string; readonly ru: string; readonly ro: string };
  readonly vatCategory: VatCategory;
  readonly soldBy: 'unit' | 'weight';
  /** VAT-inclusive, per unit or per kg, in the store's currency. */
  readonly price: number;
}

interface ProductRow {
  sku: string;
  name_en: string;
  name_ru: string;
  name_ro: string;
  vat_category: VatCategory;
  sold_by: 'unit' | 'weight';
  price_minor: number | null;
  currency: string | null;
}

const PRODUCT_COLUMNS = `p.sku, p.name_en, p.name_ru, p.name_ro, p.vat_category, p.sold_by, sp.price_minor, sp.currency`;
const PRICE_JOIN = `LEFT JOIN store_prices sp ON sp.sku = p.sku AND sp.store_id = @store`;

/** Words of a search box turned into an FTS5 query: every word must match as a prefix. */
export function ftsQuery(text: string): string | null {
  const words = foldSearchText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return null;
  return words.slice(0, 8).map((w) => `"${w}"*`).join(' ');
}

export function createCatalog(db: TillDatabase, settings: TillSettings) {
  const q = {
    byBarcode: db.prepare(`SELECT ${PRODUCT_COLUMNS} FROM barcodes b JOIN products p ON p.sku = b.sku ${PRICE_JOIN} WHERE b.code = @code`),
    byPlu: db.prepare(`SELECT ${PRODUCT_COLUMNS} FROM products p ${PRICE_JOIN} WHERE p.plu = @plu`),
    bySku: db.prepare(`SELECT ${PRODUCT_COLUMNS} FROM products p ${PRICE_JOIN} WHERE p.sku = @sku`),
    search: db.prepare(
      `SELECT ${PRODUCT_COLUMNS}, (SELECT MIN(code) FROM barcodes WHERE sku = p.sku) AS barcode
       FROM product_search s JOIN products p ON p.sku = s.sku ${PRICE_JOIN}
       WHERE product_search MATCH @match ORDER BY s.rank LIMIT @limit`,
    ),
    exact: db.prepare(
      `SELECT ${PRODUCT_COLUMNS}, @code AS barcode FROM barcodes b JOIN products p ON p.sku = b.sku ${PRICE_JOIN} WHERE b.code = @code
       UNION ALL
       SELECT ${PRODUCT_COLUMNS}, (SELECT MIN(code) FROM barcodes WHERE sku = p.sku) FROM products p ${PRICE_JOIN} WHERE p.sku = @code`,
    ),
  };

  function priced(row: ProductRow | undefined, notFound: () => TillError): PricedProduct {
    if (!row) throw notFound();
    if (row.price_minor === null || row.currency !== settings.currency) {
      throw new TillError('PRODUCT_NO_PRICE', { sku: row.sku, name: row.name_en });
    }
    return {
      sku: row.sku,
      names: { en: row.name_en, ru: row.name_ru, ro: row.name_ro },
      vatCategory: row.vat_category,
      soldBy: row.sold_by,
      price: row.price_minor,
    };
  }

  function hit(row: ProductRow & { barcode: string | null }): ProductHit {
    return {
      sku: row.sku,
      names: { en: row.name_en, ru: row.name_ru, ro: row.name_ro },
      soldBy: row.sold_by,
      price: row.currency === settings.currency ? row.price_minor : null,
      barcode: row.barcode,
    };
  }

  return {
    byBarcode(code: string): PricedProduct {
      const row = q.byBarcode.get({ code, store: settings.storeId }) as ProductRow | undefined;
      return priced(row, () => new TillError('SCAN_UNKNOWN_BARCODE', { code }));
    },

    byPlu(plu: string, scanned: string): PricedProduct {
      const row = q.byPlu.get({ plu, store: settings.storeId }) as ProductRow | undefined;
      return priced(row, () => new TillError('SCAN_UNKNOWN_BARCODE', { code: scanned }));
    },

    bySku(sku: string): PricedProduct {
      const row = q.bySku.get({ sku, store: settings.storeId }) as ProductRow | undefined;
      return priced(row, () => new TillError('PRODUCT_NOT_FOUND', { sku }));
    },

    /** Name search in every language, diacritics and case folded; an exact barcode or SKU comes first. */
    search(text: string, limit: number): ProductHit[] {
      const trimmed = text.trim();
      const exact = trimmed ? (q.exact.all({ code: trimmed, store: settings.storeId }) as (ProductRow & { barcode: string | null })[]) : [];
      const match = ftsQuery(trimmed);
      const byName = match
        ? (q.search.all({ match, limit, store: settings.storeId }) as (ProductRow & { barcode: string | null })[])
        : [];
      const seen = new Set<string>();
      return [...exact, ...byName]
        .filter((row) => !seen.has(row.sku) && seen.add(row.sku))
        .slice(0, limit)
        .map(hit);
    },
  };
}
