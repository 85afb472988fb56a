import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MINOR_DIGITS, parseAmount } from '../../../core/money.js';
import { useTill } from '../shell/context.js';
import { quickAmounts } from './payment.js';

interface PaymentPanelProps {
  readonly totalMinor: number;
  readonly onComplete: (tenderedMinor: number) => void;
  readonly onBack: () => void;
}

/** Cash: what the customer gave, the change live, and Complete only once it covers the total. */
export function PaymentPanel({ totalMinor, onComplete, onBack }: PaymentPanelProps) {
  const { t } = useTranslation();
  const { info, f } = useTill();
  const [text, setText] = useState('');
  const tendered = text.trim() === '' ? null : parseAmount(text, info.currency);
  const invalid = text.trim() !== '' && tendered === null;
  const enough = tendered !== null && tendered >= totalMinor;
  const quick = quickAmounts(totalMinor, info.currency);
  const digits = MINOR_DIGITS[info.currency];
  const scale = 10 ** digits;
  const asText = (minor: number) => (minor % scale === 0 ? String(minor / scale) : (minor / scale).toFixed(digits));

  return (
    <section className="payment" aria-labelledby="payment-title">
      <h2 id="payment-title">{t('ui.payment.title')}</h2>
      <div className="pay-due">
        <span>{t('ui.payment.due')}</span>
        <strong data-testid="payment-due">{f.money(totalMinor)}</strong>
      </div>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (enough && tendered !== null) onComplete(tendered);
        }}
      >
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
        <div className="quick" role="group" aria-label={t('ui.payment.quick')}>
          {quick.map((amount, i) => (
            <button key={amount} type="button" className="btn btn-secondary btn-quick" onClick={() => setText(asText(amount))}>
              {i === 0 ? `${t('ui.payment.exact')} · ${f.money(amount)}` : f.money(amount)}
            </button>
          ))}
        </div>
        <div className={`pay-change ${enough ? 'ok' : 'short'}`} aria-live="polite">
          <span>{enough || tendered === null ? t('ui.payment.change') : t('ui.payment.stillDue')}</span>
          <strong data-testid="payment-change">
            {tendered === null ? f.money(0) : f.money(Math.abs(tendered - totalMinor))}
          </strong>
        </div>
        <div className="pay-buttons">
          <button type="submit" className="btn btn-primary btn-complete" disabled={!enough}>
            {t('ui.payment.complete')}
          </button>
          <button type="button" className="btn btn-secondary" onClick={onBack}>
            {t('ui.payment.back')}
          </button>
        </div>
      </form>
    </section>
  );
}
