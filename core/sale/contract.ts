import { z } from 'zod';
import { text } from '../text.js';
import { MAX_SCAN_CHARS } from '../scan/resolve.js';
import { CURRENCIES } from '../money.js';
import { PromoView } from '../promo/view.js';

/** The sale's RPC methods: the open sale, its lines, cash payment, the catalogue search. */

const Minor = z.number().int();
const Names = z.object({ en: z.string(), ru: z.string(), ro: z.string() });
const Empty = z.object({}).strict();

/** A manual discount as given (a percent in basis points, or an amount) with its reason, and what it takes off. */
export const ManualDiscountView = z.object({ kind: z.enum(['percent', 'amount']), value: z.number().int(), reason: z.string(), amount: Minor });
export type ManualDiscountView = z.infer<typeof ManualDiscountView>;

export const SaleLineView = z.object({
  id: z.string(),
  position: z.number().int(),
  sku: z.string(),
  names: Names,
  qtyKind: z.enum(['unit', 'weight']),
  quantity: z.number().int(),
  unitPrice: Minor,
  fixedTotal: Minor.nullable(),
  lineTotal: Minor,
  /** What promotions and manual discounts take off this line (all of them together); the customer pays lineTotal − discount. */
  discount: Minor,
  /** Set when the cashier changed the price: the catalogue's price and why (unitPrice is the new one). */
  override: z.object({ originalUnitPrice: Minor, reason: z.string() }).nullable(),
  /** The cashier's manual discount on this line, on what promotions left (part of `discount`). */
  manual: ManualDiscountView.nullable(),
  /** This line's share of the sale's manual discount (part of `discount`). */
  saleShare: Minor,
  vatBasisPoints: z.number().int(),
  voided: z.boolean(),
  /** Where the line came from when not scanned: her online cart (web, app) or her favourites. */
  origin: z.enum(['cart:web', 'cart:app', 'favourite']).nullable(),
});
export type SaleLineView = z.infer<typeof SaleLineView>;

export const VatRowView = z.object({ basisPoints: z.number().int(), gross: Minor, net: Minor, vat: Minor });

export const SaleView = z.object({
  id: z.string(),
  status: z.enum(['open', 'completed', 'cancelled']),
  receiptNo: z.number().int().nullable(),
  currency: z.enum(CURRENCIES),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  lines: z.array(SaleLineView),
  /** The customer the cashier attached: her name and masked phone for the screen, never the number. */
  customer: z.object({ id: z.string(), name: z.string(), maskedPhone: z.string() }).nullable(),
  /** The promotions applied and the codes on the sale (core/promo). */
  promo: PromoView,
  /** The cashier's manual discount on the whole sale, on what promotions and line discounts left. */
  manual: ManualDiscountView.nullable(),
  totals: z.object({
    currency: z.enum(CURRENCIES),
    /** Before promotions. */
    subtotal: Minor,
    discount: Minor,
    /** What the customer pays: subtotal − discount. */
    total: Minor,
    itemCount: z.number().int(),
    vat: z.array(VatRowView),
  }),
});
export type SaleView = z.infer<typeof SaleView>;

export const PaymentView = z.object({
  id: z.string(),
  method: z.enum(['cash', 'card', 'voucher']),
  amount: Minor,
  tendered: Minor,
  change: Minor,
  /** Card payments: the card's last four and the terminal's approval code; null for cash. */
  cardLast4: z.string().nullable(),
  approvalCode: z.string().nullable(),
  /** A store-credit voucher's code (core/voucher); null otherwise. */
  voucherCode: z.string().nullable().optional(),
});

export const CompletedSaleView = z.object({
  sale: SaleView,
  payments: z.array(PaymentView),
  cashier: z.string(),
  tillId: z.string(),
  storeName: z.string(),
});
export type CompletedSaleView = z.infer<typeof CompletedSaleView>;

export const ProductHit = z.object({
  sku: z.string(),
  names: Names,
  soldBy: z.enum(['unit', 'weight']),
  price: Minor.nullable(),
  barcode: z.string().nullable(),
});
export type ProductHit = z.infer<typeof ProductHit>;

const LineId = text({ min: 1, max: 64 });

export const ScanTarget = z.enum(['sale', 'screen']);
export type ScanTarget = z.infer<typeof ScanTarget>;

export const saleContract = {
  'sale.current': { input: Empty, output: SaleView.nullable() },
  /** `typed`: from the barcode box, by hand (text that is no code is answered SCAN_NOT_A_BARCODE). */
  'sale.scan': { input: z.object({ code: z.string().max(MAX_SCAN_CHARS), typed: z.boolean().optional() }).strict(), output: SaleView },
  'sale.addProduct': {
    input: z.object({ sku: text({ min: 1, max: 64 }), grams: z.number().int().optional() }).strict(),
    output: SaleView,
  },
  'sale.setQuantity': { input: z.object({ lineId: LineId, quantity: z.number() }).strict(), output: SaleView },
  'sale.voidLine': { input: z.object({ lineId: LineId }).strict(), output: SaleView },
  /**
   * Cancels the open sale. Card payments held on it are refunded to their cards first, through
   * the terminal: `cardsMinor` is their total as the cashier was shown it and confirmed (without
   * it, or when it is not what is held, PAYMENT_CARD_HELD with the total). The terminal refusing
   * one leaves the sale open with that card held.
   */
  'sale.cancel': { input: z.object({ cardsMinor: Minor.positive().optional() }).strict(), output: z.null() },
  'sale.payCash': { input: z.object({ tenderedMinor: z.number().int() }).strict(), output: CompletedSaleView },
  'sale.lastCompleted': { input: Empty, output: CompletedSaleView.nullable() },
  'catalog.search': {
    input: z.object({ query: text({ max: 100 }), limit: z.number().int().min(1).max(50).default(20) }).strict(),
    output: z.array(ProductHit),
  },
  /**
   * Where the serial scanner's codes go: into the sale, or to the screen that is open (a return
   * screen takes them), as a `scan.read` event it routes like a wedge scan.
   */
  'scan.target': { input: z.object({ target: ScanTarget }).strict(), output: z.object({ target: ScanTarget }) },
} as const;
