import { formatVoucherCode } from '../voucher/code.js';
import { toDecimalString, type Currency } from '../money.js';
import { formatRate } from '../vat.js';
import { RECEIPT_LABELS } from './labels.js';
import type { Receipt, ReceiptLine } from './model.js';
import { foldForPrinter, printsEverything, type CanPrint } from './printable.js';

/** 58 mm paper: 32 columns; 80 mm paper: 42 (12×24 font at 180 dpi) or 48 (203 dpi). */
export const PAPER_COLUMNS = [32, 42, 48] as const;

export interface LayoutOptions {
  readonly columns: number;
  /** A manual reprint: marked COPY / КОПИЯ / COPIE at the top and the bottom. */
  readonly copy?: boolean;
  /** What the target can print; text is folded to it before it is measured. */
  readonly canPrint?: CanPrint;
}

export type ReceiptBlock =
  | { readonly kind: 'text'; readonly text: string; readonly bold: boolean }
  | { readonly kind: 'qr'; readonly data: string };

/**
 * The receipt laid out in fixed columns: every text block is one printed line, already
 * padded and at most `columns` characters, so the printer, the preview and the e-mail show
 * the same lines letter for letter.
 */
export function layoutReceipt(receipt: Receipt, options: LayoutOptions): ReceiptBlock[] {
  const width = options.columns;
  const canPrint = options.canPrint ?? printsEverything;
  const fold = (s: string): string => foldForPrinter(s, canPrint);
  const labels = RECEIPT_LABELS[receipt.language];
  const money = (minor: number): string => formatAmount(minor, receipt.currency);
  const blocks: ReceiptBlock[] = [];
  const line = (text: string, bold = false): void => {
    blocks.push({ kind: 'text', text: text.trimEnd(), bold });
  };
  const centred = (text: string, bold = false): void => {
    for (const part of wrap(fold(text), width)) line(centre(part, width), bold);
  };
  const pair = (left: string, right: string, bold = false): void => {
    for (const part of twoColumns(fold(left), fold(right), width)) line(part, bold);
  };
  const rule = (): void => line('-'.repeat(width));
  const refund = receipt.refund;
  const copyBanner = (): void => {
    if (refund) centred(`*** ${labels.returnBanner} ***`, true);
    if (options.copy) centred(`*** ${labels.copy} ***`, true);
  };

  copyBanner();
  centred(receipt.store.name, true);
  if (receipt.store.legalName !== receipt.store.name) centred(receipt.store.legalName);
  for (const address of receipt.store.address) centred(address);
  if (receipt.store.taxId) centred(`${labels.taxId} ${receipt.store.taxId}`);
  rule();
  pair(`${refund ? labels.returnNo : labels.receiptNo} ${receipt.receiptNo}`, printedTime(receipt.issuedAt));
  if (refund?.saleReceiptNo) pair(`${labels.forReceipt} ${refund.saleReceiptNo}`, `${labels.till} ${refund.saleTillId ?? ''}`);
  else if (refund) line(labels.noReceipt);
  pair(`${labels.till} ${receipt.tillId}`, `${labels.cashier} ${receipt.cashier}`);
  rule();
  for (const item of receipt.lines) {
    for (const part of wrap(fold(item.name), width)) line(part);
    pair(`  ${quantityText(item, labels.pieces, labels.kilograms, money)}`, money(item.amount));
    if (item.originalUnitPrice !== undefined) pair(`  ${labels.priceWas}`, money(item.originalUnitPrice));
    for (const d of item.discounts) pair(`  ${labels.discount} ${d.promo}`, money(-d.amount));
  }
  for (const d of receipt.saleDiscounts) pair(`${labels.discount} ${d.promo}`, money(-d.amount));
  rule();
  pair(`${labels.total} ${labels.currency[receipt.currency]}`, money(receipt.total), true);
  const saved = receipt.lines.reduce((sum, item) => sum + item.discounts.reduce((s, d) => s + d.amount, 0), 0) + receipt.saleDiscounts.reduce((s, d) => s + d.amount, 0);
  if (saved > 0) pair(labels.saved, money(saved));
  if (refund) {
    if (refund.card) {
      pair(`${labels.refund} ${labels.card} **** ${refund.card.last4}`, money(refund.card.amount), true);
      pair(labels.approval, refund.card.approvalCode);
      if (refund.amount > refund.card.amount) pair(`${labels.refund} ${labels.cash}`, money(refund.amount - refund.card.amount), true);
    } else {
      const method = refund.method === 'cash' ? labels.cash : refund.method === 'card' ? labels.card : labels.storeCredit;
      pair(`${labels.refund} ${method}`, money(refund.amount), true);
    }
    if (refund.voucher) {
      rule();
      centred(labels.voucher, true);
      centred(formatVoucherCode(refund.voucher.code), true);
      centred(labels.voucherHint);
    }
  }
  for (const p of receipt.payments) {
    if (p.method === 'cash') {
      pair(labels.cash, money(p.tendered));
      pair(labels.change, money(p.change));
    } else if (p.method === 'voucher') {
      pair(p.voucher ? `${labels.voucherPaid} ${formatVoucherCode(p.voucher.code)}` : labels.voucherPaid, money(p.amount));
    } else {
      pair(p.card ? `${labels.card} **** ${p.card.last4}` : labels.card, money(p.amount));
      if (p.card) pair(labels.approval, p.card.approvalCode);
    }
  }
  for (const row of receipt.vat) {
    pair(`${labels.vat} ${formatRate(row.basisPoints)} ${labels.vatOf} ${money(row.gross)}`, money(row.vat));
  }
  if (receipt.customerPhone) pair(labels.customer, receipt.customerPhone);
  if (receipt.qr) blocks.push({ kind: 'qr', data: receipt.qr.data });
  for (const text of receipt.footer) centred(text);
  copyBanner();
  return blocks;
}

/** The same receipt as text, for the on-screen preview and e-mail; the QR code shows its link. */
export function receiptPlainText(receipt: Receipt, options: LayoutOptions): string {
  return layoutReceipt(receipt, options)
    .flatMap((b) => (b.kind === 'text' ? [b.text] : qrTextLines(b.data, options.columns)))
    .join('\n');
}

/** A QR code shown as text: its link, centred, wrapped to the paper width. */
export function qrTextLines(data: string, columns: number): string[] {
  return wrap(data, columns).map((part) => centre(part, columns).trimEnd());
}

export function formatAmount(minor: number, currency: Currency): string {
  return toDecimalString({ amount: minor, currency });
}

function quantityText(item: ReceiptLine, pieces: string, kilograms: string, money: (n: number) => string): string {
  const q = item.quantity;
  const amount = q.kind === 'unit' ? `${q.units} ${pieces}` : `${(q.grams / 1000).toFixed(3)} ${kilograms}`;
  return `${amount} x ${money(item.unitPrice)}`;
}

/** "2026-03-14T15:09:26+03:00" → "2026-03-14 15:09": the store's wall clock as recorded. */
function printedTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

export function centre(text: string, width: number): string {
  const length = [...text].length;
  return ' '.repeat(Math.max(0, Math.floor((width - length) / 2))) + text;
}

/** Word wrap by characters (the folded text is single-width); words longer than a line are cut. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current: string[] = [];
  for (const word of text.split(/ +/).filter((w) => w.length > 0)) {
    let chars = [...word];
    if (current.length > 0 && current.length + 1 + chars.length > width) {
      lines.push(current.join(''));
      current = [];
    }
    if (current.length > 0) current.push(' ');
    while (current.length + chars.length > width) {
      const room = width - current.length;
      lines.push([...current, ...chars.slice(0, room)].join(''));
      current = [];
      chars = chars.slice(room);
    }
    current.push(...chars);
  }
  if (current.length > 0 || lines.length === 0) lines.push(current.join(''));
  return lines;
}

/** Left text and a right-aligned amount on one line; a long left side wraps above it. */
export function twoColumns(left: string, right: string, width: number): string[] {
  const rightLength = [...right].length;
  const leftRoom = Math.max(1, width - rightLength - 1);
  const leftLines = wrap(left.trimStart(), leftRoom);
  const indent = left.length - left.trimStart().length;
  const lines = leftLines.map((l, i) => (i === 0 && indent > 0 && [...l].length + indent <= leftRoom ? ' '.repeat(indent) + l : l));
  const last = lines.pop() ?? '';
  const gap = width - [...last].length - rightLength;
  return [...lines, gap >= 1 ? last + ' '.repeat(gap) + right : last, ...(gap >= 1 ? [] : [' '.repeat(width - rightLength) + right])];
}
