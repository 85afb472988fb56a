import { useState } from 'react';
import { useScanTarget, type ScanSlot } from '../scan/useScanTarget.js';
import { useTranslation } from 'react-i18next';
import type { ReturnView } from '../../../core/returns/contract.js';
import { lineRefund } from '../../../core/returns/refund.js';
import type { TillApi } from '../../../core/rpc/contract.js';
import { CameraPanel } from '../camera/CameraPanel.js';
import { useCameraPanel } from '../camera/useCameraPanel.js';
import type { Run } from '../shell/actions.js';
import { useTill } from '../shell/context.js';
import { useReturn } from './useReturn.js';
import { NoReceiptScreen, RefundMethods, VoucherNote } from '../noreceipt/NoReceiptScreen.js';
import './returns.css';

/**
 * A return: find the sale by its receipt's QR code (a scanner anywhere on the screen, the camera
 * with F7, or pasted into the box) or number, choose what comes back, refund it.
 */
export function ReturnScreen({ api, run, onBack, scans }: { api: TillApi; run: Run; onBack: () => void; scans: ScanSlot }) {
  const { t, i18n } = useTranslation();
  const { f, info } = useTill();
  const r = useReturn(api, run);
  const [query, setQuery] = useState('');
  const [noReceipt, setNoReceipt] = useState(false);
  const camera = useCameraPanel(true);
  const { find } = r;
  // A scan is a receipt to find (without a receipt, the products' screen takes the scans).
  useScanTarget(scans, find, !noReceipt);
  const lang = (i18n.language === 'ru' || i18n.language === 'ro' ? i18n.language : 'en') as 'en' | 'ru' | 'ro';
  const refund = r.sale
    ? r.sale.lines.reduce((sum, l) => {
        const q = Math.min(r.chosen[l.lineId] ?? 0, l.quantity - l.returned);
        return q > 0 ? sum + lineRefund(l, q) : sum;
      }, 0)
    : 0;
  const allBack = r.sale?.lines.every((l) => l.returned >= l.quantity) ?? false;
  const doneText = (done: ReturnView): string => {
    const card = done.card;
    if (!card) return t('ui.returns.done', { amount: f.money(done.refund), method: t(`ui.returns.method_${done.method}`), no: done.returnNo });
    const shown = { last4: card.cardLast4, code: card.approvalCode, no: done.returnNo };
    if (card.amount === done.refund) return t('ui.returns.doneCard', { ...shown, amount: f.money(card.amount) });
    return t('ui.returns.doneCardCash', { ...shown, card: f.money(card.amount), cash: f.money(done.refund - card.amount) });
  };
  if (noReceipt) return <NoReceiptScreen api={api} run={run} onBack={onBack} scans={scans} onWithReceipt={() => setNoReceipt(false)} />;
  return (
    <main className="returns">
      <header className="returns-head">
        <h1>{t('ui.returns.title')}</h1>
        <div className="noreceipt-head-actions">
          <button type="button" className="btn btn-secondary" onClick={() => setNoReceipt(true)}>
            {t('ui.noReceipt.open')}
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
          void r.find(query).then((ok) => ok && setQuery(''));
        }}
      >
        <label className="returns-field">
          {t('ui.returns.findLabel')}
          <input className="input" autoFocus autoComplete="off" value={query} maxLength={512} onChange={(e) => setQuery(e.target.value)} aria-describedby="returns-hint" />
        </label>
        <button type="submit" className="btn btn-primary">
          {t('ui.returns.find')}
        </button>
        {!camera.open && (
          <button type="button" className="btn btn-secondary" onClick={camera.toggle}>
            {t('ui.camera.title')} <kbd aria-hidden="true">F7</kbd>
          </button>
        )}
        <p id="returns-hint" className="returns-muted">
          {t('ui.returns.findHint', { till: info.tillId })}
        </p>
      </form>
      {camera.open && <CameraPanel api={api} onRead={(code) => void find(code).then((found) => found && camera.close())} onClose={camera.close} />}
      {r.waiting && (
        <p className="returns-waiting" role="status" data-testid="return-waiting">
          {t('ui.returns.waitingCard', { amount: f.money(refund) })}
        </p>
      )}
      {r.done && (
        <p className="returns-done" role="status" data-testid="return-done">
          {doneText(r.done)}
          {r.done.voucherCode && <VoucherNote code={r.done.voucherCode} amount={f.money(r.done.refund)} />}
        </p>
      )}
      {r.sale && (
        <section className="returns-sale" aria-labelledby="returns-sale-title">
          <h2 id="returns-sale-title">
            {t('ui.returns.receipt', { no: r.sale.receiptNo, till: r.sale.tillId, date: f.dateTime(r.sale.completedAt) })}
            {r.sale.source === 'central' && <span className="returns-badge">{t('ui.returns.fromCentral')}</span>}
          </h2>
          {allBack && <p className="returns-muted">{t('ui.returns.allReturned')}</p>}
          {r.sale.cardApprovalUnknown && (
            <p className="returns-note" data-testid="return-card-unknown">
              {t('ui.returns.cardUnknown')}
            </p>
          )}
          <div className="returns-table-wrap">
            <table className="returns-table">
              <thead>
                <tr>
                  <th scope="col">{t('ui.returns.item')}</th>
                  <th scope="col">{t('ui.returns.sold')}</th>
                  <th scope="col">{t('ui.returns.returned')}</th>
                  <th scope="col">{t('ui.returns.paid')}</th>
                  <th scope="col">{t('ui.returns.toReturn')}</th>
                </tr>
              </thead>
              <tbody>
                {r.sale.lines.map((l) => {
                  const left = l.quantity - l.returned;
                  const qty = (n: number) => (l.qtyKind === 'unit' ? f.units(n) : `${n} g`);
                  return (
                    <tr key={l.lineId} data-return-line={l.lineId}>
                      <th scope="row">{l.names[lang]}</th>
                      <td>{qty(l.quantity)}</td>
                      <td>{qty(l.returned)}</td>
                      <td>{f.money(l.paid)}</td>
                      <td>
                        {left > 0 && (
                          <input
                            className="input returns-qty"
                            inputMode="numeric"
                            aria-label={`${t('ui.returns.toReturn')} ${l.names[lang]}`}
                            value={r.chosen[l.lineId] ? String(r.chosen[l.lineId]) : ''}
                            onChange={(e) => r.choose(l.lineId, Number(e.target.value.replace(/\D/g, '').slice(0, 6)) || 0)}
                          />
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div className="returns-pay">
            <RefundMethods methods={r.sale.refundMethods} chosen={r.method} onChoose={r.setMethod} />
            <p className="returns-refund">
              {t('ui.returns.refund')}: <strong data-testid="return-refund">{f.money(refund)}</strong>
            </p>
            <button type="button" className="btn btn-primary" disabled={r.waiting || !Object.values(r.chosen).some((q) => q > 0)} onClick={() => void r.commit()}>
              {t('ui.returns.confirm', { amount: f.money(refund) })}
            </button>
          </div>
        </section>
      )}
    </main>
  );
}
