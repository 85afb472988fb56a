import { useState } from 'react';
import './promo.css';
import { useTranslation } from 'react-i18next';
import { localName } from '../../../core/promo/names.js';
import type { SaleView } from '../../../core/sale/contract.js';
import { useTill } from '../shell/context.js';
import { reasonText } from './explain.js';
import type { Promo } from './usePromo.js';

interface PromoPanelProps {
  readonly sale: SaleView | null;
  readonly promo: Promo;
}

/** The code box (typed, pasted or scanned into it) and what the sale's promotions give, each code removable (her own offers too: they stay off this sale). */
export function PromoPanel({ sale, promo }: PromoPanelProps) {
  const { t } = useTranslation();
  const { f, lang } = useTill();
  const [code, setCode] = useState('');
  const applied = sale?.promo.applied ?? [];
  const codes = sale?.promo.codes ?? [];
  const waiting = codes.filter((c) => !c.applied);
  const byCode = new Map(codes.map((c) => [c.code, c]));

  return (
    <section className="promo" aria-labelledby="promo-title">
      <h2 id="promo-title" className="promo-title">
        {t('ui.promo.panel')}
      </h2>
      <form
        className="field-row"
        onSubmit={(e) => {
          e.preventDefault();
          const typed = code.trim();
          if (!typed) return;
          void promo.enterCode(typed).then((done) => done && setCode(''));
        }}
      >
        <label htmlFor="promo-code-input" className="visually-hidden">
          {t('ui.promo.codeLabel')}
        </label>
        <input
          id="promo-code-input"
          className="input grow"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          placeholder={t('ui.promo.codePlaceholder')}
          autoComplete="off"
          spellCheck={false}
          maxLength={200}
          data-scan-target="promo"
        />
        <button type="submit" className="btn btn-secondary" disabled={!code.trim()}>
          {t('ui.promo.apply')}
        </button>
      </form>
      {applied.length > 0 || waiting.length > 0 ? (
        <div className="promo-lists" data-testid="promo-list">
          {/* What waits for the cashier comes first and never scrolls: its reason reads whole. On a short screen the applied list scrolls (their savings are in the totals too). */}
          {waiting.length > 0 && (
            <ul className="promo-waiting">
              {waiting.map((c) => (
                <li key={c.code} className="promo-item waiting">
                  <div className="promo-name">
                    <strong>
                      {c.code} <span className="badge">{t('ui.promo.notApplied')}</span>
                    </strong>
                    <span className="promo-reason">{c.reason ? reasonText({ code: c.code, reason: c.reason, params: c.params }, sale?.currency ?? 'EUR') : ''}</span>
                  </div>
                  <button type="button" className="btn btn-void" aria-label={t('ui.promo.removeCode', { code: c.code })} onClick={() => promo.removeCode(c.code)}>
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
          {applied.length > 0 && (
            <ul className="promo-list">
              {applied.map((a) => {
                const source = a.code === null ? null : byCode.get(a.code)?.source;
                return (
                  <li key={a.promotionId} className="promo-item applied">
                    <div className="promo-name">
                      <strong>{localName(a, lang)}</strong>
                      <span className="promo-how">{a.code === null ? t('ui.promo.automatic') : source === 'customer' ? `${a.code} · ${t('ui.promo.herOffer')}` : a.code}</span>
                    </div>
                    <span className="promo-saving num" data-testid="promo-saving">
                      {f.money(-a.discount)}
                    </span>
                    {a.code !== null && (
                      <button type="button" className="btn btn-void" aria-label={t('ui.promo.removeCode', { code: a.code })} onClick={() => promo.removeCode(a.code as string)}>
                        ×
                      </button>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      ) : null}
    </section>
  );
}

/** Under a line's total: what promotions take off it. */
export function LineDiscount({ amount }: { amount: number }) {
  const { t } = useTranslation();
  const { f } = useTill();
  if (amount <= 0) return null;
  return (
    <span className="line-discount" title={t('ui.promo.discount')}>
      {f.money(-amount)}
    </span>
  );
}

/** Above the total when promotions took something off: the subtotal and the saving. */
export function PromoTotals({ sale }: { sale: SaleView | null }) {
  const { t } = useTranslation();
  const { f } = useTill();
  if (!sale || sale.totals.discount <= 0) return null;
  return (
    <dl className="promo-totals">
      <div>
        <dt>{t('ui.promo.subtotal')}</dt>
        <dd data-testid="sale-subtotal">{f.money(sale.totals.subtotal)}</dd>
      </div>
      <div className="promo-totals-saved">
        <dt>{t('ui.promo.saved')}</dt>
        <dd data-testid="sale-discount">{f.money(-sale.totals.discount)}</dd>
      </div>
    </dl>
  );
}

/** On the receipt screen: the promotions by name with what each saved. */
export function ReceiptDiscounts({ sale }: { sale: SaleView }) {
  const { t } = useTranslation();
  const { f, lang } = useTill();
  if (sale.totals.discount <= 0) return null;
  // The cashier's manual discounts after the promotions: each line's with its reason, then the sale's.
  const manual = [
    ...sale.lines.flatMap((l) => (l.manual && l.manual.amount > 0 ? [{ key: l.id, label: t('ui.adjust.manual', { reason: l.manual.reason }), amount: l.manual.amount }] : [])),
    ...(sale.manual && sale.manual.amount > 0 ? [{ key: 'sale', label: t('ui.adjust.onSale', { reason: sale.manual.reason }), amount: sale.manual.amount }] : []),
  ];
  return (
    <dl className="receipt-discounts" data-testid="receipt-discounts">
      {sale.promo.applied.map((a) => (
        <div key={a.promotionId}>
          <dt>
            {t('ui.promo.discount')} {localName(a, lang)}
          </dt>
          <dd>{f.money(-a.discount)}</dd>
        </div>
      ))}
      {manual.map((m) => (
        <div key={m.key}>
          <dt>{m.label}</dt>
          <dd>{f.money(-m.amount)}</dd>
        </div>
      ))}
      <div className="receipt-saved">
        <dt>{t('ui.promo.saved')}</dt>
        <dd>{f.money(sale.totals.discount)}</dd>
      </div>
    </dl>
  );
}
