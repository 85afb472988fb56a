import { z } from 'zod';
import { text } from '../text.js';
import { CURRENCIES } from '../money.js';
import { COUNTRIES } from '../vat.js';
import { ULID_PATTERN } from '../ids.js';

/**
 * Intents a till pushes to central. Each op carries a client ULID (`opId`) that central
 * applies exactly once; the payload is the business fact, never a row diff.
 */
export const Ulid = z.string().regex(ULID_PATTERN, 'expected a ULID');
const Minor = z.number().int().min(-1_000_000_000).max(1_000_000_000);
const IsoTime = z.iso.datetime({ offset: true });

export const SaleLinePayload = z.object({
  lineId: Ulid,
  position: z.number().int().min(1),
  sku: text({ min: 1, max: 64 }),
  scannedCode: text({ max: 64 }).nullable(),
  name: text({ max: 200 }),
  qtyKind: z.enum(['unit', 'weight']),
  quantity: z.number().int().positive(),
  unitPriceMinor: Minor,
  lineTotalMinor: Minor,
  /** What promotions and manual discounts took off the line; the customer paid lineTotalMinor − discountMinor. Absent from older tills. */
  discountMinor: Minor.optional(),
  /** The part of discountMinor the cashier gave by hand (the line's own and its share of the sale's), with the line's reason. */
  manualDiscountMinor: Minor.optional(),
  manualReason: text({ max: 100 }).optional(),
  /** Set when the cashier changed the price: the catalogue's price (unitPriceMinor is the one sold at) and why. */
  originalUnitPriceMinor: Minor.optional(),
  priceReason: text({ max: 100 }).optional(),
  vatBasisPoints: z.number().int().min(0).max(10_000),
  /** Where the cashier took the line from: her online cart of a channel, or her favourites; absent: scanned or searched. */
  origin: z.enum(['cart:web', 'cart:app', 'favourite']).nullable().optional(),
});

export const PaymentPayload = z.object({
  paymentId: Ulid,
  method: z.enum(['cash', 'card', 'voucher']),
  amountMinor: Minor,
  tenderedMinor: Minor,
  changeMinor: Minor,
  /** A card payment: the terminal's approval code and the card's last four. Absent for cash and from older tills. */
  approvalCode: z.string().regex(/^[A-Z0-9]{1,12}$/).optional(),
  cardLast4: z.string().regex(/^\d{4}$/).optional(),
  /** A card payment: the till's reference for the charge, as the terminal knows it (a refund at another till goes back against it). Absent from older tills. */
  terminalReference: Ulid.optional(),
  /** A store-credit voucher's code; absent otherwise. */
  voucherCode: z.string().regex(/^SC[A-Z0-9]{10}$/).optional(),
});

export const VatRowPayload = z.object({
  vatBasisPoints: z.number().int().min(0).max(10_000),
  grossMinor: Minor,
  netMinor: Minor,
  vatMinor: Minor,
});

export const SaleCompletedPayload = z.object({
  saleId: Ulid,
  tillId: text({ min: 1, max: 64 }),
  storeId: text({ min: 1, max: 64 }),
  cashier: text({ max: 100 }),
  receiptNo: z.number().int().positive(),
  country: z.enum(COUNTRIES),
  currency: z.enum(CURRENCIES),
  openedAt: IsoTime,
  completedAt: IsoTime,
  totalMinor: Minor,
  /** The customer the cashier attached to the sale, if any: links the store purchase to her path. */
  customerId: text({ min: 1, max: 64 }).nullable().optional(),
  lines: z.array(SaleLinePayload).min(1).max(500),
  /** The cashier's manual discount on the whole sale (spread over the lines' manualDiscountMinor). Absent when none. */
  manualDiscount: z.object({ kind: z.enum(['percent', 'amount']), value: z.number().int().positive(), amountMinor: Minor, reason: text({ max: 100 }) }).optional(),
  payments: z.array(PaymentPayload).min(1).max(20),
  vat: z.array(VatRowPayload).max(10),
});
export type SaleCompletedPayload = z.infer<typeof SaleCompletedPayload>;

export const SaleCompletedOp = z.object({
  opId: Ulid,
  type: z.literal('sale.completed'),
  payload: SaleCompletedPayload,
});
export type SaleCompletedOp = z.infer<typeof SaleCompletedOp>;

/** Marketing consent channels a customer can grant or withdraw. */
export const CONSENT_CHANNELS = ['sms', 'email', 'push', 'messenger', 'phone'] as const;
/** Where a customer meets the brand; 'store' is the till. */
export const TOUCHPOINT_CHANNELS = ['web', 'app', 'email', 'stream', 'social', 'sms', 'store'] as const;
/** The channels a channel API client may speak for: every one but `store` (the tills'). */
export const CLIENT_CHANNELS = ['web', 'app', 'email', 'stream', 'social', 'sms'] as const;

export const PromoRedeemedPayload = z.object({
  /** Client ULID of this redemption; a code is redeemed at most once per sale. */
  redemptionId: Ulid,
  saleId: Ulid,
  code: text({ min: 1, max: 64 }),
  tillId: text({ min: 1, max: 64 }),
  storeId: text({ min: 1, max: 64 }),
  redeemedAt: IsoTime,
  discountMinor: Minor,
  currency: z.enum(CURRENCIES),
  /** True when the till accepted the code without asking central (a signed QR token). */
  offline: z.boolean(),
  /** The nonce of the signed offer (OT1.O…) the code came from: the same offer twice is a conflict. Absent from older tills. */
  offerNonce: z.string().regex(/^[A-Za-z0-9_-]{8,32}$/).optional(),
});
export type PromoRedeemedPayload = z.infer<typeof PromoRedeemedPayload>;

export const PromoRedeemedOp = z.object({
  opId: Ulid,
  type: z.literal('promo.redeemed'),
  payload: PromoRedeemedPayload,
});

export const ConsentChangedPayload = z.object({
  customerId: text({ min: 1, max: 64 }),
  channel: z.enum(CONSENT_CHANNELS),
  granted: z.boolean(),
  changedAt: IsoTime,
  tillId: text({ min: 1, max: 64 }),
  cashier: text({ max: 100 }),
});
export type ConsentChangedPayload = z.infer<typeof ConsentChangedPayload>;

export const ConsentChangedOp = z.object({
  opId: Ulid,
  type: z.literal('customer.consent_changed'),
  payload: ConsentChangedPayload,
});

export const TouchpointPayload = z.object({
  touchpointId: Ulid,
  channel: z.enum(TOUCHPOINT_CHANNELS),
  /** What happened: 'visit', 'qr_scanned', 'code_shown', 'purchase', … */
  kind: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
  customerId: text({ min: 1, max: 64 }).nullable(),
  campaignId: text({ min: 1, max: 64 }).nullable(),
  saleId: Ulid.nullable(),
  occurredAt: IsoTime,
});
export type TouchpointPayload = z.infer<typeof TouchpointPayload>;

export const TouchpointOp = z.object({
  opId: Ulid,
  type: z.literal('touchpoint'),
  payload: TouchpointPayload,
});

/** A manager's PIN on a till approved what the signed-in cashier could not do alone (offline, from the cache). */
export const ApprovalGrantedPayload = z.object({
  approvalId: Ulid,
  tillId: text({ min: 1, max: 64 }),
  storeId: text({ min: 1, max: 64 }),
  action: z.string().regex(/^[a-z]+\.[A-Za-z]+$/).max(40),
  approverId: text({ min: 1, max: 64 }),
  approverName: text({ max: 100 }),
  cashierId: text({ min: 1, max: 64 }).nullable(),
  cashierName: text({ max: 100 }),
  grantedAt: IsoTime,
});
export type ApprovalGrantedPayload = z.infer<typeof ApprovalGrantedPayload>;

/** An op of `type` carrying `payload`, under its client ULID. */
const opOf = <T extends string, P extends z.ZodType>(type: T, payload: P) => z.object({ opId: Ulid, type: z.literal(type), payload });

export const ApprovalGrantedOp = opOf('approval.granted', ApprovalGrantedPayload);

/** A shift closed on a till (its Z report): the store's takings, counted cash and VAT per rate. */
export const ShiftClosedPayload = z.object({
  shiftId: Ulid,
  tillId: text({ min: 1, max: 64 }),
  storeId: text({ min: 1, max: 64 }),
  zNo: z.number().int().positive(),
  currency: z.enum(CURRENCIES),
  openedAt: IsoTime,
  closedAt: IsoTime,
  openedBy: text({ max: 100 }),
  closedBy: text({ max: 100 }),
  floatMinor: Minor,
  salesCount: z.number().int().min(0),
  salesGrossMinor: Minor,
  returnsCount: z.number().int().min(0),
  returnsGrossMinor: Minor,
  discountsMinor: Minor,
  /** Times the drawer was opened without a sale. Absent from older tills. */
  noSales: z.number().int().min(0).optional(),
  /** Times the drawer was opened without a sale while no shift was open, counted by this shift. Absent from older tills. */
  noSalesBeforeShift: z.number().int().min(0).optional(),
  payments: z.array(z.object({ method: z.string().regex(/^[a-z]{1,20}$/), amountMinor: Minor })).max(20),
  vat: z.array(VatRowPayload).max(10),
  cashInMinor: Minor,
  cashOutMinor: Minor,
  expectedCashMinor: Minor,
  countedCashMinor: Minor,
});
export type ShiftClosedPayload = z.infer<typeof ShiftClosedPayload>;

export const ShiftClosedOp = opOf('shift.closed', ShiftClosedPayload);

/**
 * A customer the cashier created at the till, under an id the till chose. Central merges by
 * phone: a number it already knows keeps its customer, and the till's id becomes an alias of it.
 */
export const CustomerCreatedPayload = z.object({
  customerId: Ulid,
  phone: z.string().regex(/^\+[1-9]\d{6,14}$/, 'expected a phone in E.164'),
  name: text({ min: 1, max: 200 }),
  email: z.email().max(254).nullable(),
  /** What she agreed to at the till, each box ticked by her; absent channels were not asked. */
  consents: z.array(z.enum(CONSENT_CHANNELS)).max(CONSENT_CHANNELS.length),
  tillId: text({ min: 1, max: 64 }),
  cashier: text({ max: 100 }),
  createdAt: IsoTime,
});
export type CustomerCreatedPayload = z.infer<typeof CustomerCreatedPayload>;

export const CustomerCreatedOp = opOf('customer.created', CustomerCreatedPayload);

/**
 * Goods brought back against a sale (of this till, or of another till or store of the chain)
 * and the money given back. Central records it against the sale, puts a 'return' touchpoint on
 * the customer's timeline, and once the sale is returned in full rolls back its single-use codes.
 */
export const SaleReturnedPayload = z.object({
  returnId: Ulid,
  returnNo: z.number().int().positive(),
  saleId: Ulid,
  tillId: text({ min: 1, max: 64 }),
  storeId: text({ min: 1, max: 64 }),
  cashier: text({ max: 100 }),
  currency: z.enum(CURRENCIES),
  returnedAt: IsoTime,
  method: z.enum(['cash', 'card', 'storeCredit']),
  refundMinor: Minor,
  /** A card refund: the card's share of `refundMinor` (the rest in cash) and the terminal's approval. */
  card: z.object({ amountMinor: Minor, approvalCode: z.string().regex(/^[A-Z0-9]{1,12}$/), cardLast4: z.string().regex(/^\d{4}$/) }).optional(),
  lines: z
    .array(z.object({ lineId: Ulid, sku: text({ min: 1, max: 64 }), quantity: z.number().int().positive(), refundMinor: Minor, vatBasisPoints: z.number().int().min(0).max(10_000) }))
    .min(1)
    .max(500),
  vat: z.array(VatRowPayload).max(10),
});
export type SaleReturnedPayload = z.infer<typeof SaleReturnedPayload>;

export const SaleReturnedOp = opOf('sale.returned', SaleReturnedPayload);

/**
 * Goods brought back without a receipt, a manager approving: no sale to record them against.
 * Priced at the store's price of the day (`shelfPriceMinor`) or lower (`unitPriceMinor`), as the
 * manager typed; refunded in cash or store credit as the store allows. Central records it and
 * puts it in the store's returns.
 */
export const ReturnNoReceiptPayload = z.object({
  returnId: Ulid,
  returnNo: z.number().int().positive(),
  tillId: text({ min: 1, max: 64 }),
  storeId: text({ min: 1, max: 64 }),
  cashier: text({ max: 100 }),
  currency: z.enum(CURRENCIES),
  returnedAt: IsoTime,
  method: z.enum(['cash', 'storeCredit']),
  refundMinor: Minor,
  lines: z
    .array(
      z.object({
        sku: text({ min: 1, max: 64 }),
        qtyKind: z.enum(['unit', 'weight']),
        quantity: z.number().int().positive(),
        shelfPriceMinor: Minor,
        unitPriceMinor: Minor,
        refundMinor: Minor,
        vatBasisPoints: z.number().int().min(0).max(10_000),
      }),
    )
    .min(1)
    .max(100),
  vat: z.array(VatRowPayload).max(10),
  /**
   * The manager whose approval on the till allowed this return; null when the cashier's own role
   * did. Absent from older tills (central then infers it from the till's approvals).
   */
  approver: z.object({ staffId: text({ min: 1, max: 64 }), name: text({ max: 100 }) }).strict().nullable().optional(),
});
export type ReturnNoReceiptPayload = z.infer<typeof ReturnNoReceiptPayload>;

export const ReturnNoReceiptOp = opOf('return.no_receipt', ReturnNoReceiptPayload);

const VoucherCode = z.string().regex(/^SC[23456789ABCDEFGHJKMNPQRSTVWXYZ]{10}$/);

/** Store credit given by a return, as a voucher (core/voucher): central keeps its balance for every till of the chain. */
export const VoucherIssuedPayload = z.object({
  code: VoucherCode,
  returnId: Ulid,
  tillId: text({ min: 1, max: 64 }),
  storeId: text({ min: 1, max: 64 }),
  currency: z.enum(CURRENCIES),
  amountMinor: Minor.refine((n) => n > 0),
  issuedAt: IsoTime,
});
export type VoucherIssuedPayload = z.infer<typeof VoucherIssuedPayload>;
export const VoucherIssuedOp = opOf('voucher.issued', VoucherIssuedPayload);

/**
 * A voucher taken offline (its own till's, or within the till's cap): central takes what is left
 * of the balance, never below zero; what the balance could not cover is recorded as a conflict.
 */
export const VoucherSpentPayload = z.object({
  spendId: Ulid,
  code: VoucherCode,
  saleId: Ulid,
  tillId: text({ min: 1, max: 64 }),
  currency: z.enum(CURRENCIES),
  amountMinor: Minor.refine((n) => n > 0),
  spentAt: IsoTime,
});
export type VoucherSpentPayload = z.infer<typeof VoucherSpentPayload>;
export const VoucherSpentOp = opOf('voucher.spent', VoucherSpentPayload);

/**
 * A spend given back while its sale was open (the voucher removed, or the sale cancelled), when
 * central could not be asked at that moment: central adds back once what that spend took (keyed
 * by the spend id; nothing when it never had the spend, which is then recorded as given back).
 */
export const VoucherReturnedPayload = VoucherSpentPayload.omit({ spentAt: true }).extend({ returnedAt: IsoTime });
export type VoucherReturnedPayload = z.infer<typeof VoucherReturnedPayload>;
export const VoucherReturnedOp = opOf('voucher.returned', VoucherReturnedPayload);

/**
 * A row of the till's append-only audit log (who looked up whom and how, who saw a number, who
 * signed in, who approved what), kept at central beside the till's own copy. The till pushes its
 * rows after its outbox, in order; its row number and time are the row's key at central.
 */
export const AuditRecordedPayload = z.object({
  auditNo: z.number().int().positive(),
  at: IsoTime,
  actor: text({ max: 100 }),
  actorId: text({ min: 1, max: 64 }).nullable(),
  action: z.string().regex(/^[a-z][a-zA-Z_]*(\.[a-zA-Z_]+)+$/).max(60),
  subject: text({ max: 200 }).nullable(),
  /** The row's details as the till stored them (JSON text). */
  details: text({ max: 4_000 }).nullable(),
});
export type AuditRecordedPayload = z.infer<typeof AuditRecordedPayload>;

export const AuditRecordedOp = opOf('audit.recorded', AuditRecordedPayload);

export const PushOp = z.discriminatedUnion('type', [SaleCompletedOp, PromoRedeemedOp, ConsentChangedOp, TouchpointOp, CustomerCreatedOp, ApprovalGrantedOp, ShiftClosedOp, SaleReturnedOp, ReturnNoReceiptOp, VoucherIssuedOp, VoucherSpentOp, VoucherReturnedOp, AuditRecordedOp]);
export type PushOp = z.infer<typeof PushOp>;
export const PUSH_OP_TYPES = ['sale.completed', 'promo.redeemed', 'customer.consent_changed', 'touchpoint', 'customer.created', 'approval.granted', 'shift.closed', 'sale.returned', 'return.no_receipt', 'voucher.issued', 'voucher.spent', 'voucher.returned', 'audit.recorded'] as const;

/** At most this many ops in one push request: a batch stays one short HTTP exchange. */
export const MAX_PUSH_OPS = 200;

/**
 * Ops are validated one by one on the server, so a malformed op is rejected alone and the
 * rest of the batch still applies; the envelope only checks there is a list.
 */
export const PushRequest = z.object({
  ops: z.array(z.unknown()).min(1).max(MAX_PUSH_OPS),
});
export type PushRequest = z.infer<typeof PushRequest>;

export const PUSH_REJECTIONS = [
  'invalid',
  'key_reused',
  'wrong_store',
  'unknown_customer',
  'unknown_code',
  'sale_already_recorded',
  'currency_mismatch',
] as const;
export type PushRejection = (typeof PUSH_REJECTIONS)[number];

/**
 * One result per op, in the order sent. 'applied' and 'duplicate' carry what central stored
 * the first time; 'rejected' is permanent and acknowledged: the till shows it to staff and
 * drops the op from its queue.
 */
export const PushOpResult = z.discriminatedUnion('status', [
  z.object({ opId: Ulid, status: z.literal('applied'), result: z.record(z.string(), z.unknown()) }),
  z.object({ opId: Ulid, status: z.literal('duplicate'), result: z.record(z.string(), z.unknown()) }),
  z.object({
    opId: Ulid.nullable(),
    status: z.literal('rejected'),
    reason: z.enum(PUSH_REJECTIONS),
    detail: z.string(),
  }),
]);
export type PushOpResult = z.infer<typeof PushOpResult>;

export const PushResponse = z.object({ results: z.array(PushOpResult) });
export type PushResponse = z.infer<typeof PushResponse>;
