import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MINOR_DIGITS, parseAmount } from '../../../core/money.js';
import type { TillApi } from '../../../core/rpc/contract.js';
import { usePayment } from '../payment/usePayment.js';
import type { Run } from '../shell/actions.js';
import { formatVoucherCode } from '../../../core/voucher/code.js';
import { VoucherTender } from '../voucher/VoucherTender.js';
import { useTill } from '../shell/context.js';
import { quickAmounts } from './payment.js';

interface PaymentPanelProps {
  readonly api: TillApi;
  readonly run: Run;
  readonly totalMinor: number;
  readonly onPay: (cardMinor: number, cashTenderedMinor: number) => Promise<boolean>;
  readonly onBack: () => void;
  /** Moves when a pulled store policy changed: the store's payment methods are read again. */
  readonly storeVersion: number;
}

const amountOf = (text: string, currency: Parameters<typeof parseAmount>[1]): number | null => (text.trim() === '' ? 0 : parseAmount(text, currency));

/**
 * Card and cash in any mix: the card pays at most what is left, the cash the rest with the
 * change live; while the terminal works the screen waits and the card can be cancelled.
 */
export function PaymentPanel({ api, run, totalMinor, onPay, onBack, storeVersion }: PaymentPanelProps) {
  const { t } = useTranslation();
  const { info, f } = useTill();
  const payment = usePayment(api, run, onPay, storeVersion);
  const [cardText, setCardText] = useState('');
  const [text, setText] = useState('');
  const cancelRef = useRef<HTMLButtonElement>(null);
  const held = payment.state?.held ?? [];
  const vouchers = payment.state?.vouchers ?? [];
  const remainder = totalMinor - held.reduce((s, c) => s + c.amount, 0) - vouchers.reduce((s, v) => s + v.amount, 0);
  const takesCard = !!payment.state && payment.state.terminal && payment.state.methods.includes('card');
  const card = takesCard ? amountOf(cardText, info.currency) : 0;
  const tendered = text.trim() === '' ? null : parseAmount(text, info.currency);
  const cardInvalid = card === null || card > remainder;
  const invalid = text.trim() !== '' && tendered === null;
  const cashDue = Math.max(0, remainder - (card ?? 0));
  const enough = !cardInvalid && !invalid && ((tendered ?? 0) >= cashDue);
  // With a card field only the exact amount is offered, so the screen still fits 1024×768.
  const quick = quickAmounts(cashDue, info.currency, takesCard ? 1 : 5);
  const digits = MINOR_DIGITS[info.currency];
  const scale = 10 ** digits;
  const asText = (minor: number) => (minor % scale === 0 ? String(minor / scale) : (minor / scale).toFixed(digits));

  useEffect(() => {
    if (payment.waiting !== null) cancelRef.current?.focus();
  }, [payment.waiting]);

  if (payment.waiting !== null) {
    return (
      <section className="payment" aria-labelledby="payment-title">
        <h2 id="payment-title">{t('ui.tender.title')}</h2>
        <div className="pay-waiting" role="status" data-testid="card-waiting">
          <span className="spinner" aria-hidden="true" />
          <strong>{t('ui.tender.waitingAmount', { amount: f.money(payment.waiting) })}</strong>
          <p>{t('ui.tender.waiting')}</p>
        </div>
        <div className="pay-buttons">
          <button ref={cancelRef} type="button" className="btn btn-secondary" onClick={payment.cancelCard}>
            {t('ui.tender.cancelCard')}
          </button>
        </div>
      </section>
    );
  }

  return (
    <section className={takesCard ? 'payment payment-split' : 'payment'} aria-labelledby="payment-title">
      <h2 id="payment-title">{t('ui.tender.title')}</h2>
      <div className="pay-due">
        <span>{t('ui.payment.due')}</span>
        <strong data-testid="payment-due">{f.money(totalMinor)}</strong>
      </div>
      <VoucherTender api={api} run={run} currency={info.currency} onTaken={payment.reload} />
      {held.length + vouchers.length > 0 && (
        <ul className="pay-held" aria-label={t('ui.tender.remainder')}>
          {vouchers.map((v) => (
            <li key={v.spendId} data-voucher={v.code}>
              <span>
                {t('ui.voucher.held', { code: formatVoucherCode(v.code), amount: f.money(v.amount) })}
                {' · '}
                {v.balance === null ? t('ui.voucher.offline') : t('ui.voucher.left', { balance: f.money(v.balance) })}
              </span>
              <button
                type="button"
                className="btn btn-secondary"
                aria-label={t('ui.voucher.removeLabel', { code: formatVoucherCode(v.code) })}
                onClick={() => void run(() => api['voucher.remove']({ spendId: v.spendId }), payment.reload)}
              >
                {t('ui.voucher.remove')}
              </button>
            </li>
          ))}
          {held.map((h) => (
            <li key={h.attemptId}>
              <span>{t('ui.tender.held', { last4: h.cardLast4, amount: f.money(h.amount), code: h.approvalCode })}</span>
              <button type="button" className="btn btn-secondary" onClick={() => payment.reverse(h.attemptId)}>
                {t('ui.tender.reverse')}
              </button>
            </li>
          ))}
          <li className="pay-due">
            <span>{t('ui.tender.remainder')}</span>
            <strong data-testid="payment-remainder">{f.money(remainder)}</strong>
          </li>
        </ul>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (enough && card !== null) void payment.submit(card, tendered ?? 0);
        }}
      >
        {takesCard ? (
          <div className="field">
            <label htmlFor="card-input">{t('ui.tender.byCard')}</label>
            <div className="pay-card-row">
              <input
                id="card-input"
                className="input input-money"
                inputMode="decimal"
                autoComplete="off"
                aria-invalid={cardInvalid}
                aria-describedby={cardInvalid ? 'card-error' : undefined}
                value={cardText}
                onChange={(e) => setCardText(e.target.value)}
              />
              <button type="button" className="btn btn-secondary" onClick={() => setCardText(asText(remainder))}>
                {t('ui.tender.allCard')}
              </button>
            </div>
            {cardInvalid && (
              <p id="card-error" className="field-error">
                {card === null ? t('ui.payment.invalid') : t('errors.PAYMENT_CARD_OVER_REMAINDER', { remainder: f.money(remainder) })}
              </p>
            )}
          </div>
        ) : (
          payment.state && <p className="pay-note">{t('ui.tender.noCard')}</p>
        )}
        <div className="field">
          <label htmlFor="cash-input">{t('ui.payment.received')}</label>
          <input
            id="cash-input"
            className="input input-money"
            inputMode="decimal"
            autoComplete="off"
            autoFocus
            aria-invalid={invalid}
            aria-describedby={invalid ? 'cash-error' : undefined}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          {invalid && (
            <p id="cash-error" className="field-error">
              {t('ui.payment.invalid')}
            </p>
          )}
        </div>
        {cashDue > 0 && (
          <div className="quick" role="group" aria-label={t('ui.payment.quick')}>
            {quick.map((amount, i) => (
              <button key={amount} type="button" className="btn btn-secondary btn-quick" onClick={() => setText(asText(amount))}>
                {i === 0 ? `${t('ui.payment.exact')} · ${f.money(amount)}` : f.money(amount)}
              </button>
            ))}
          </div>
        )}
        <div className={`pay-change ${enough ? 'ok' : 'short'}`} aria-live="polite">
          <span>{enough || tendered === null ? t('ui.payment.change') : t('ui.payment.stillDue')}</span>
          <strong data-testid="payment-change">{tendered === null ? f.money(0) : f.money(Math.abs(tendered - cashDue))}</strong>
        </div>
        <div className={takesCard ? 'pay-buttons pay-buttons-row' : 'pay-buttons'}>
          <button type="submit" className="btn btn-primary btn-complete" disabled={!enough}>
            {(card ?? 0) > 0 ? t('ui.tender.pay') : t('ui.payment.complete')}
          </button>
          <button type="button" className="btn btn-secondary" onClick={onBack}>
            {t('ui.payment.back')}
          </button>
        </div>
      </form>
    </section>
  );
}
