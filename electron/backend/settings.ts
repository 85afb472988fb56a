import { z } from 'zod';
import { CURRENCIES } from '../../core/money.js';
import { COUNTRIES } from '../../core/vat.js';
import { PAYMENT_METHODS } from '../../core/payment/tender.js';
import { DEFAULT_WEIGHED_CONFIG } from '../../core/scan/barcode.js';
import { DEFAULT_NO_RECEIPT_POLICY, NoReceiptPolicy } from '../../core/noreceipt/contract.js';
import { DEFAULT_MANUAL_DISCOUNT_LIMIT } from '../../core/staff/roles.js';
import type { TillDatabase } from './db.js';

/** Who and where this till is. Stored in `settings`, one JSON value per key. */
export const TillSettings = z.object({
  tillId: z.string().min(1).max(64),
  storeId: z.string().min(1).max(64),
  storeName: z.string().max(200),
  country: z.enum(COUNTRIES),
  currency: z.enum(CURRENCIES),
  timeZone: z.string().min(1),
  cashier: z.string().min(1).max(100),
  /** What the receipt says about the store; the legal name defaults to the store name. */
  receipt: z
    .object({
      legalName: z.string().max(200).default(''),
      address: z.array(z.string().max(200)).max(4).default([]),
      taxId: z.string().max(40).default(''),
      footer: z.array(z.string().max(200)).max(6).default([]),
      eReceiptUrl: z.string().max(300).default(''),
    })
    .default({ legalName: '', address: [], taxId: '', footer: [], eReceiptUrl: '' }),
  /** Every scan of a counted product on a line of its own, instead of adding to the product's line. */
  separateLines: z.boolean().default(false),
  weighedBarcodes: z
    .object({
      prefixes: z.record(z.string().regex(/^2\d$/), z.enum(['weight', 'price'])),
      pluDigits: z.number().int().min(4).max(6),
    })
    .default(DEFAULT_WEIGHED_CONFIG),
  /** The ways this store takes payment. */
  paymentMethods: z.array(z.enum(PAYMENT_METHODS)).min(1).max(PAYMENT_METHODS.length).default(['cash', 'card']),
  /** Returns without a receipt: how this store refunds them and at most how much (from central). */
  noReceiptReturns: NoReceiptPolicy.default(DEFAULT_NO_RECEIPT_POLICY),
  /** A manual discount deeper than this percent of what it applies to needs a manager (from central, per store). */
  manualDiscountLimit: z.number().min(0).max(100).default(DEFAULT_MANUAL_DISCOUNT_LIMIT),
  /**
   * Offline, this till takes the vouchers it issued itself up to what it knows is left on them,
   * and others' up to this much in all until central has them (0: none).
   */
  voucherOfflineCapMinor: z.number().int().min(0).max(100_000_000).default(0),
  /**
   * The card terminal beside this till: none, or the emulator (tests and demos, see
   * payment/emulator.ts); `timeoutMs`: how long the till waits for its answer.
   */
  paymentTerminal: z
    .object({ kind: z.enum(['none', 'emulator']), timeoutMs: z.number().int().min(100).max(300_000) })
    .default({ kind: 'none', timeoutMs: 90_000 }),
});
export type TillSettings = z.infer<typeof TillSettings>;

/** A fresh till before pairing: it can sell what is in its catalogue, in its store's currency. */
export const DEFAULT_SETTINGS: TillSettings = {
  tillId: 'TILL-1',
  storeId: 'STORE-1',
  storeName: 'Omnitill',
  country: 'MD',
  currency: 'MDL',
  timeZone: 'Europe/Chisinau',
  cashier: 'Cashier',
  receipt: { legalName: '', address: [], taxId: '', footer: [], eReceiptUrl: '' },
  separateLines: false,
  weighedBarcodes: DEFAULT_WEIGHED_CONFIG,
  paymentMethods: ['cash', 'card'],
  noReceiptReturns: DEFAULT_NO_RECEIPT_POLICY,
  manualDiscountLimit: DEFAULT_MANUAL_DISCOUNT_LIMIT,
  voucherOfflineCapMinor: 0,
  paymentTerminal: { kind: 'none', timeoutMs: 90_000 },
};

export function readSettings(db: TillDatabase): TillSettings {
  const rows = db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
  const stored: Record<string, unknown> = {};
  for (const row of rows) stored[row.key] = JSON.parse(row.value);
  return TillSettings.parse({ ...DEFAULT_SETTINGS, ...stored });
}

export function writeSettings(db: TillDatabase, patch: Partial<TillSettings>): void {
  const upsert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  db.transaction(() => {
    for (const [key, value] of Object.entries(patch)) upsert.run(key, JSON.stringify(value));
  })();
}
