import { localName } from '../../core/promo/names.js';
import { describe, expect, it } from 'vitest';
import { RECEIPT_LABELS } from '../../core/receipt/labels.js';
import { receiptSchema } from '../../core/receipt/model.js';
import type { CompletedSaleView, SaleView } from '../../core/sale/contract.js';
import { foldForPrinter } from '../../core/receipt/printable.js';
import { canPrintWith, encodeReceipt } from '../../native/printer/encode.js';
import { printerProfile } from '../../native/printer/profiles.js';
import { CODEPAGE_NUMBERS, EscPosDecoder } from '../emulators/escposDecoder.js';
import { ok, openTestTill } from '../helpers/till.js';

/**
 * Item 7 on paper: every discount is printed under its line with the promotion's name and the
 * amount, and the receipt says what she saved in all — as the printer emulator decodes the bytes
 * of the job queued with the sale, in Romanian and Russian (names with ș/ț and Cyrillic).
 */
describe('discounts on the printed receipt', () => {
  for (const language of ['ro', 'ru'] as const) {
    it(`prints each promotion by name under its lines and the total saved (${language})`, async () => {
      const till = openTestTill({ customers: 20, products: 200, language });
      const [a, b] = till.db.prepare(`SELECT sku FROM products WHERE sold_by = 'unit' ORDER BY sku LIMIT 2`).pluck().all() as [string, string];
      const autumn = language === 'ro' ? 'Toamnă: −10 % la încălțăminte' : 'Осень: −10 % на обувь';
      till.db.prepare(`UPDATE products SET category = 'shoes-test' WHERE sku = ?`).run(a);
      till.db
        .prepare(
          `INSERT INTO campaigns (id, name, channel, code_kind, discount_kind, discount_value, currency, starts_at, ends_at, offline_allowed, offline_cap_per_till, rules)
           VALUES ('autumn', ?, 'web', 'shared', 'percent', 10, NULL, '2026-01-01T00:00:00.000Z', '2099-01-01T00:00:00.000Z', 0, 0, '{"automatic":true,"categories":["shoes-test"]}')`,
        )
        .run(autumn);
      ok(await till.dispatch('sale.addProduct', { sku: a }));
      ok(await till.dispatch('sale.addProduct', { sku: b }));
      const open = ok(await till.dispatch('promo.enterCode', { code: 'STREAMMDL' })) as SaleView;
      expect(open.promo.applied.map((p) => p.promotionId).sort()).toEqual(['autumn', 'stream-qr-mdl']);
      const done = ok(await till.dispatch('sale.payCash', { tenderedMinor: open.totals.total })) as CompletedSaleView;

      const document = till.db.prepare(`SELECT document FROM print_jobs WHERE sale_id = ? AND kind = 'receipt'`).pluck().get(done.sale.id) as string;
      const receipt = receiptSchema.parse(JSON.parse(document));
      const profile = printerProfile('epson-tm-t20')!;
      const decoder = new EscPosDecoder(CODEPAGE_NUMBERS.epson);
      for (const bytes of encodeReceipt(receipt, profile)) decoder.feed(bytes);
      const printed = decoder.cutReceipts[0]!.lines.map((l) => l.replace(/\s+/g, ' ').trim());

      const labels = RECEIPT_LABELS[language];
      const amount = (minor: number) => (minor / 100).toFixed(2);
      // A long name wraps onto the next printed line: read the receipt as one text.
      const text = printed.join(' ');
      for (const p of done.sale.promo.applied) {
        const label = foldForPrinter(`${labels.discount} ${localName(p, language)}`, canPrintWith(profile));
        const amounts = text.split(label).slice(1).map((after) => after.trim().split(' ')[0]);
        expect(amounts, `${language}: ${label}\n${printed.join('\n')}`).toEqual(p.lines.map((line) => `-${amount(line.discount)}`));
      }
      const saved = printed.find((l) => l.startsWith(foldForPrinter(labels.saved, canPrintWith(profile))));
      expect(saved, printed.join('\n')).toContain(amount(done.sale.totals.discount));
      expect(printed.join('\n')).not.toContain('?');
      await till.close();
    });
  }
});
