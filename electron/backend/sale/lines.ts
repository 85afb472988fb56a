import { TillError } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import { resolveScan, saleLookup } from '../../../core/scan/resolve.js';
import { MAX_LINES, validateQuantity, type Quantity } from '../../../core/sale/sale.js';
import { vatRateOn, type VatCategory } from '../../../core/vat.js';
import type { SaleView } from '../../../core/sale/contract.js';
import type { PricedProduct } from './catalog.js';
import type { LineRow, SaleRow } from './rows.js';
import { audit, openOrStartSale, requireOpenSale, saleView, type SaleState } from './state.js';

function requireLiveLine(s: SaleState, sale: SaleRow, lineId: string): LineRow {
  const line = s.q.line.get(lineId, sale.id) as LineRow | undefined;
  if (!line) throw new TillError('SALE_LINE_NOT_FOUND', { lineId });
  if (line.voided_at !== null) throw new TillError('SALE_LINE_VOIDED', { lineId });
  return line;
}

function vatFor(s: SaleState, category: VatCategory, at: Date): number {
  return vatRateOn(s.settings.country, category, s.localDay.format(at));
}

/** Where a line came from when the cashier did not scan or search it. */
export type LineOrigin = LineRow['origin'];

/**
 * The line a counted product adds to instead of a line of its own: its live line of the same
 * origin (scanned, searched, or from the same online cart), wherever it is in the sale, so one
 * product shows once on screen and on the receipt. A store that keeps every scan on its own
 * line (`separateLines`) never merges.
 */
function mergeTarget(s: SaleState, sale: SaleRow, product: PricedProduct, quantity: Quantity, origin: LineOrigin): LineRow | undefined {
  if (s.settings.separateLines || quantity.kind !== 'unit') return undefined;
  return s.q.mergeableLine.get({ sale: sale.id, sku: product.sku, origin }) as LineRow | undefined;
}

/** Puts a product on the open sale, inside the caller's transaction; the id of the line it landed on. */
function putLine(s: SaleState, sale: SaleRow, at: Date, product: PricedProduct, quantity: Quantity, fixedTotal: number | null, scannedCode: string | null, origin: LineOrigin): string {
  validateQuantity(quantity);
  const same = fixedTotal === null ? mergeTarget(s, sale, product, quantity, origin) : undefined;
  if (same && quantity.kind === 'unit') {
    const units = same.quantity + quantity.units;
    validateQuantity({ kind: 'unit', units });
    s.q.setQuantity.run(units, same.id);
    return same.id;
  }
  if ((s.q.lineCount.get(sale.id) as { n: number }).n >= MAX_LINES) {
    throw new TillError('SALE_TOO_MANY_LINES', { max: MAX_LINES });
  }
  const id = newId();
  s.q.insertLine.run({
    id,
    sale_id: sale.id,
    sku: product.sku,
    scanned_code: scannedCode,
    name_en: product.names.en,
    name_ru: product.names.ru,
    name_ro: product.names.ro,
    qty_kind: quantity.kind,
    quantity: quantity.kind === 'unit' ? quantity.units : quantity.grams,
    unit_price_minor: product.price,
    fixed_total_minor: fixedTotal,
    vat_basis_points: vatFor(s, product.vatCategory, at),
    added_at: at.toISOString(),
    origin,
  });
  return id;
}

/** What a change to the sale left: the sale, and the line it touched (for the customer display). */
export interface LineChange {
  readonly view: SaleView;
  readonly lineId: string;
}

/** Adds a product to the open sale (opening one if needed), in its own transaction. */
function addLine(s: SaleState, product: PricedProduct, quantity: Quantity, fixedTotal: number | null, scannedCode: string | null): LineChange {
  return s.db.transaction(() => {
    const at = s.now();
    const sale = openOrStartSale(s, at.toISOString());
    const lineId = putLine(s, sale, at, product, quantity, fixedTotal, scannedCode, null);
    return { view: saleView(s, sale), lineId };
  })();
}

/**
 * The customer onto the open sale (opening one if needed) with the lines she chose online, in
 * one transaction: either all of them are on the sale, with her, or none.
 */
export function addCustomerLines(s: SaleState, customerId: string, lines: readonly { product: PricedProduct; units: number; origin: LineOrigin }[]): SaleView {
  return s.db.transaction(() => {
    const at = s.now();
    const sale = openOrStartSale(s, at.toISOString());
    s.q.setCustomer.run(customerId, sale.id);
    for (const line of lines) putLine(s, sale, at, line.product, { kind: 'unit', units: line.units }, null, null, line.origin);
    audit(s, 'sale.customer_attached', sale.id, { customerId, lines: lines.length });
    return saleView(s, { ...sale, customer_id: customerId });
  })();
}

/** Attaches the customer to the open sale (opening one), or detaches her with null. */
export function attachCustomer(s: SaleState, customerId: string | null): SaleView {
  return s.db.transaction(() => {
    const sale = customerId === null ? requireOpenSale(s) : openOrStartSale(s, s.now().toISOString());
    s.q.setCustomer.run(customerId, sale.id);
    audit(s, customerId === null ? 'sale.customer_detached' : 'sale.customer_attached', sale.id, { customerId: customerId ?? sale.customer_id });
    return saleView(s, { ...sale, customer_id: customerId });
  })();
}

/** A scanned or typed code into the sale: a catalogue barcode, or a scale label carrying weight or price. */
function scanned(s: SaleState, raw: string): LineChange {
  const scan = saleLookup(resolveScan(raw, { weighed: s.settings.weighedBarcodes }), raw);
  if (scan.kind === 'weighed') {
    const product = s.catalog.byPlu(scan.plu, scan.gtin);
    if (scan.valueKind === 'weight') return addLine(s, product, { kind: 'weight', grams: scan.value }, null, scan.gtin);
    // A price label: the customer pays the printed amount; the weight is what it buys.
    const grams = product.price > 0 ? Math.max(1, Math.round((scan.value * 1000) / product.price)) : 1;
    return addLine(s, product, { kind: 'weight', grams }, scan.value, scan.gtin);
  }
  const code = scan.kind === 'gtin' ? scan.gtin : scan.code;
  const product = s.catalog.byBarcode(code);
  // The product's own EAN, not a scale label: it needs a weight first.
  if (product.soldBy === 'weight') throw new TillError('QTY_WEIGHT_NEEDED', { sku: product.sku });
  return addLine(s, product, { kind: 'unit', units: 1 }, null, code);
}

/** What a person typed that no scanner sends and the catalogue does not hold: words, a phone, a +. */
function notABarcode(e: unknown, raw: string): boolean {
  if (!(e instanceof TillError)) return false;
  if (e.code === 'SCAN_GARBAGE' || e.code === 'SCAN_UNKNOWN_CODE') return true;
  return e.code === 'SCAN_UNKNOWN_BARCODE' && !/\d/.test(raw);
}

/**
 * A code into the sale. `typed`: the cashier typed it in the barcode box, so text that cannot be
 * a code is said to be no barcode (with where it belongs), not blamed on the scanner.
 */
export function scanCode(s: SaleState, raw: string, typed = false): LineChange {
  try {
    return scanned(s, raw);
  } catch (e) {
    if (typed && notABarcode(e, raw)) throw new TillError('SCAN_NOT_A_BARCODE', { code: raw.trim().slice(0, 40) });
    throw e;
  }
}

export function addProduct(s: SaleState, sku: string, grams?: number): LineChange {
  const product = s.catalog.bySku(sku);
  if (product.soldBy === 'weight') {
    if (grams === undefined) throw new TillError('QTY_WEIGHT_NEEDED', { sku });
    return addLine(s, product, { kind: 'weight', grams }, null, null);
  }
  return addLine(s, product, { kind: 'unit', units: 1 }, null, null);
}

export function setQuantity(s: SaleState, lineId: string, quantity: number): SaleView {
  return s.db.transaction(() => {
    const sale = requireOpenSale(s);
    const line = requireLiveLine(s, sale, lineId);
    if (line.qty_kind === 'weight') throw new TillError('QTY_WEIGHED_ITEM', { sku: line.sku });
    validateQuantity({ kind: 'unit', units: quantity });
    s.q.setQuantity.run(quantity, line.id);
    return saleView(s, sale);
  })();
}

export function voidLine(s: SaleState, lineId: string): SaleView {
  return s.db.transaction(() => {
    const sale = requireOpenSale(s);
    const line = requireLiveLine(s, sale, lineId);
    s.q.voidLine.run(s.now().toISOString(), line.id);
    audit(s, 'sale.line_voided', sale.id, { lineId: line.id, sku: line.sku, quantity: line.quantity });
    return saleView(s, sale);
  })();
}
