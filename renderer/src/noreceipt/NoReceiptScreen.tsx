import { useState } from 'react';
import { useScanTarget, type ScanSlot } from '../scan/useScanTarget.js';
import { useTranslation } from 'react-i18next';
import { parseAmount } from '../../../core/money.js';
import { formatVoucherCode } from '../../../core/voucher/code.js';
import type { RefundMethod } from '../../../core/returns/contract.js';
import type { TillApi } from '../../../core/rpc/contract.js';
import type { Run } from '../shell/actions.js';
import { useTill } from '../shell/context.js';
import { lineRefund, useNoReceipt } from './useNoReceipt.js';
import '../returns/returns.css';
import './noreceipt.css';

/** How a refund is given: one of the methods offered, as radio buttons. */
export function RefundMethods<M extends RefundMethod>({ methods, chosen, onChoose }: { methods: readonly M[]; chosen: M; onChoose: (m: M) => void }) {
  const { t } = useTranslation();
  return (
    <div role="radiogroup" aria-label={t('ui.returns.method')} className="returns-methods">
      <span>{t('ui.returns.method')}</span>
      {methods.map((m) => (
        <button key={m} type="button" role="radio" aria-checked={chosen === m} className={`btn btn-secondary${chosen === m ? ' is-chosen' : ''}`} onClick={() => onChoose(m)}>
          {t(`ui.returns.method_${m}`)}
        </button>
      ))}
    </div>
  );
}

/** The store-credit voucher a return gave: its code as printed. */
export function VoucherNote({ code, amount }: { code: string; amount: string }) {
  const { t } = useTranslation();
  return (
    <span className="noreceipt-voucher" data-testid="voucher-code" data-code={code}>
      {t('ui.noReceipt.voucher', { code: formatVoucherCode(code), amount })}
    </span>
  );
}

/**
 * A return without a receipt: scan or find each product that came back, set how many (grams of
 * a weighed one) and, if the manager says so, a lower price; refund as the store allows. The
 * refund asks for a manager's PIN (the approval dialog) unless a manager is signed in.
 */
export function NoReceiptScreen({
  api,
  run,
  onBack,
  onWithReceipt,
  scans,
}: {
  api: TillApi;
  run: Run;
  onBack: () => void;
  onWithReceipt: () => void;
  scans: ScanSlot;
}) {
  const { t, i18n } = useTranslation();
  const { f } = useTill();
  const r = useNoReceipt(api, run);
  const [query, setQuery] = useState('');
  const { find } = r;
  // A scanner anywhere on the screen adds the product that came back, not one to the sale.
  useScanTarget(scans, find);
  const lang = (i18n.language === 'ru' || i18n.language === 'ro' ? i18n.language : 'en') as 'en' | 'ru' | 'ro';
  const total = r.lines.reduce((sum, l) => sum + lineRefund(l), 0);
  const limit = r.policy ? f.money(r.policy.maxMinor) : '';
  const over = r.policy !== null && total > r.policy.maxMinor;
  const badPrice = r.lines.some((l) => l.priceText.trim() !== '' && (l.price === null || l.price > l.product.price));
  return (
    <main className="returns noreceipt">
      <header className="returns-head">
        <h1>{t('ui.noReceipt.title')}</h1>
        <div className="noreceipt-head-actions">
          <button type="button" className="btn btn-secondary" onClick={onWithReceipt}>
            {t('ui.noReceipt.withReceipt')}
          </button>
          <button type="button" className="btn btn-secondary" onClick={onBack}>
            {t('ui.shift.back')}
          </button>
        </div>
      </header>
      <form
        className="returns-find"
        onSubmit={(e) => {
          e.preventDefault();
          if (query.trim()) void r.find(query).then((ok) => ok && setQuery(''));
        }}
      >
        <label className="returns-field">
          {t('ui.noReceipt.findLabel')}
          <input className="input" autoFocus autoComplete="off" value={query} maxLength={100} onChange={(e) => setQuery(e.target.value)} aria-describedby="noreceipt-hint" />
        </label>
        <button type="submit" className="btn btn-primary">
          {t('ui.noReceipt.add')}
        </button>
        <p id="noreceipt-hint" className="returns-muted">
          {t('ui.noReceipt.hint', { limit })}
        </p>
      </form>
      {r.hits && r.hits.length === 0 && (
        <p className="returns-muted" role="status">
          {t('ui.noReceipt.noMatch', { query })}
        </p>
      )}
      {r.hits && r.hits.length > 0 && (
        <ul className="noreceipt-hits" aria-label={t('ui.noReceipt.findLabel')}>
          {r.hits.map((h) => (
            <li key={h.sku}>
              <button type="button" className="btn btn-secondary" disabled={h.price === null} onClick={() => r.add(h)}>
                <span>{h.names[lang]}</span>
                <span>{h.price === null ? '—' : f.money(h.price)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {r.done && (
        <p className="returns-done" role="status" data-testid="noreceipt-done">
          {t('ui.noReceipt.done', { amount: f.money(r.done.refund), method: t(`ui.returns.method_${r.done.method}`), no: r.done.returnNo })}
          {r.done.voucherCode && <VoucherNote code={r.done.voucherCode} amount={f.money(r.done.refund)} />}
        </p>
      )}
      <section className="returns-sale" aria-label={t('ui.noReceipt.title')}>
        {r.lines.length === 0 ? (
          <p className="returns-muted">{t('ui.noReceipt.empty')}</p>
        ) : (
          <div className="returns-table-wrap">
            <table className="returns-table">
              <thead>
                <tr>
                  <th scope="col">{t('ui.noReceipt.item')}</th>
                  <th scope="col">{t('ui.noReceipt.quantity')}</th>
                  <th scope="col">{t('ui.noReceipt.shelfPrice')}</th>
                  <th scope="col">{t('ui.noReceipt.price')}</th>
                  <th scope="col">{t('ui.noReceipt.lineRefund')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('ui.noReceipt.removeColumn')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {r.lines.map((l) => {
                  const name = l.product.names[lang];
                  const wrong = l.priceText.trim() !== '' && (l.price === null || l.price > l.product.price);
                  return (
                    <tr key={l.product.sku} data-noreceipt-line={l.product.sku}>
                      <th scope="row">{name}</th>
                      <td>
                        <input
                          className="input returns-qty"
                          inputMode="numeric"
                          aria-label={`${t(l.product.soldBy === 'unit' ? 'ui.noReceipt.quantity' : 'ui.noReceipt.grams')} ${name}`}
                          value={String(l.quantity)}
                          onChange={(e) => r.change(l.product.sku, { quantity: Math.max(1, Number(e.target.value.replace(/\D/g, '').slice(0, 6)) || 1) })}
                        />
                        {l.product.soldBy === 'weight' && <span className="noreceipt-unit"> g</span>}
                      </td>
                      <td>{f.money(l.product.price)}</td>
                      <td>
                        <input
                          className="input noreceipt-price"
                          inputMode="decimal"
                          aria-label={`${t('ui.noReceipt.price')} ${name}`}
                          aria-invalid={wrong}
                          placeholder={f.money(l.product.price)}
                          value={l.priceText}
                          onChange={(e) => {
                            const text = e.target.value.slice(0, 12);
                            r.change(l.product.sku, { priceText: text, price: text.trim() === '' ? null : parseAmount(text, r.policy?.currency ?? 'MDL') });
                          }}
                        />
                      </td>
                      <td>{f.money(lineRefund(l))}</td>
                      <td>
                        <button type="button" className="btn btn-secondary" aria-label={t('ui.noReceipt.remove', { name })} onClick={() => r.remove(l.product.sku)}>
                          ×
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <div className="returns-pay">
          <RefundMethods methods={r.policy?.methods ?? []} chosen={r.method} onChoose={r.setMethod} />
          <p className="returns-refund">
            {t('ui.returns.refund')}: <strong data-testid="noreceipt-refund">{f.money(total)}</strong>
          </p>
          {over && (
            <p className="noreceipt-over" role="alert">
              {t('ui.noReceipt.overLimit', { limit })}
            </p>
          )}
          <button type="button" className="btn btn-primary" disabled={r.lines.length === 0 || total <= 0 || badPrice || over} onClick={() => void r.commit()}>
            {t('ui.noReceipt.confirm', { amount: f.money(total) })}
          </button>
        </div>
      </section>
    </main>
  );
}
