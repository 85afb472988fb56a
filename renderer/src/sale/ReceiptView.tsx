import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompletedSaleView } from '../../../core/sale/contract.js';
import { useTill } from '../shell/context.js';
import { cashierName } from '../shell/format.js';
import { VatTable } from './VatTable.js';
import { LineDiscount, ReceiptDiscounts } from '../promo/PromoPanel.js';

/** What the printed receipt will say, on screen, right after completion. */
interface ReceiptViewProps {
  readonly completed: CompletedSaleView;
  readonly onNewSale: () => void;
  /** Prints a COPY of this receipt (never opens the drawer). */
  readonly onReprint?: () => void;
  readonly note?: string | null;
}

export function ReceiptView({ completed, onNewSale, onReprint, note }: ReceiptViewProps) {
  const { t } = useTranslation();
  const { lang, f } = useTill();
  const newSaleRef = useRef<HTMLButtonElement>(null);
  const { sale } = completed;
  const cash = completed.payments.find((p) => p.method === 'cash');
  const lines = sale.lines.filter((l) => !l.voided);

  useEffect(() => newSaleRef.current?.focus(), []);

  return (
    <div className="receipt-screen">
      <div className="receipt-head">
        <div className="done-mark" aria-hidden="true">
          ✓
        </div>
        <div>
          <h2>{t('ui.receipt.title')}</h2>
          <p className="receipt-change-big">
            {t('ui.receipt.change')}: <strong data-testid="receipt-change-big">{f.money(cash?.change ?? 0)}</strong>
          </p>
        </div>
        <div className="receipt-actions">
          {onReprint && (
            <button type="button" className="btn btn-secondary" onClick={onReprint}>
              {t('ui.receipt.reprint')}
            </button>
          )}
          <button ref={newSaleRef} type="button" className="btn btn-primary btn-new" onClick={onNewSale}>
            {t('ui.receipt.newSale')}
          </button>
          {note && (
            <p className="receipt-note" role="status">
              {note}
            </p>
          )}
        </div>
      </div>
      <article className="receipt" aria-labelledby="receipt-number">
        <header className="receipt-store">
          <strong>{completed.storeName}</strong>
          <span>{t('ui.receipt.till', { till: completed.tillId })}</span>
          <span>{t('ui.receipt.cashier', { name: cashierName(completed.cashier, t) })}</span>
        </header>
        <h3 id="receipt-number" className="receipt-number">
          {t('ui.receipt.number', { number: sale.receiptNo ?? '' })}
        </h3>
        <table className="receipt-lines">
          <caption className="visually-hidden">{t('ui.lines.caption')}</caption>
          <tbody>
            {lines.map((line) => (
              <tr key={line.id}>
                <td>
                  <div>{line.names[lang]}</div>
                  <div className="receipt-qty">
                    {line.qtyKind === 'weight'
                      ? `${t('ui.lines.kg', { value: f.kg(line.quantity) })} × ${t('ui.lines.perKg', { price: f.money(line.unitPrice) })}`
                      : `${f.units(line.quantity)} × ${f.money(line.unitPrice)}`}
                  </div>
                </td>
                <td className="num">
                  {f.money(line.lineTotal)}
                  <LineDiscount amount={line.discount} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <ReceiptDiscounts sale={sale} />
        <VatTable rows={sale.totals.vat} />
        <dl className="receipt-sums">
          <div className="receipt-total">
            <dt>{t('ui.receipt.total')}</dt>
            <dd data-testid="receipt-total">{f.money(sale.totals.total)}</dd>
          </div>
          {completed.payments
            .filter((p) => p.method === 'card')
            .map((p) => (
              <div key={p.id}>
                <dt>{t('ui.tender.cardPaid', { last4: p.cardLast4 ?? '' })}</dt>
                <dd data-testid="receipt-card">{f.money(p.amount)}</dd>
              </div>
            ))}
          <div>
            <dt>{t('ui.receipt.cash')}</dt>
            <dd data-testid="receipt-cash">{f.money(cash?.tendered ?? 0)}</dd>
          </div>
          <div>
            <dt>{t('ui.receipt.change')}</dt>
            <dd data-testid="receipt-change">{f.money(cash?.change ?? 0)}</dd>
          </div>
          <div>
            <dt>{t('ui.receipt.time')}</dt>
            <dd>{sale.closedAt ? f.dateTime(sale.closedAt) : ''}</dd>
          </div>
        </dl>
      </article>
    </div>
  );
}
