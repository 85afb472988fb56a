import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseAmount, type Currency } from '../../../core/money.js';
import type { TillApi } from '../../../core/rpc/contract.js';
import type { Run } from '../shell/actions.js';
import './voucher.css';

/**
 * A store-credit voucher on the payment screen: its code (typed or scanned) and, if not all of it,
 * how much to take. Folded until asked for, so Complete stays in view at 1024×768.
 */
export function VoucherTender({ api, run, currency, onTaken }: { api: TillApi; run: Run; currency: Currency; onTaken: () => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [amountText, setAmountText] = useState('');
  const amount = amountText.trim() === '' ? undefined : parseAmount(amountText, currency);
  const invalid = amount === null || amount === 0;
  return (
    <details className="voucher-box">
      <summary className="btn btn-secondary">{t('ui.voucher.open')}</summary>
      <form
      className="voucher-tender"
      onSubmit={(e) => {
        e.preventDefault();
        if (invalid || code.trim() === '') return;
        void run(
          () => api['voucher.apply']({ code, ...(amount ? { amountMinor: amount } : {}) }),
          () => {
            setCode('');
            setAmountText('');
            onTaken();
          },
        );
      }}
    >
      <label className="voucher-field">
        {t('ui.voucher.label')}
        <input className="input" autoComplete="off" maxLength={64} placeholder="SC-XXXXX-XXXXX" value={code} onChange={(e) => setCode(e.target.value)} />
      </label>
      <label className="voucher-field voucher-amount">
        {t('ui.voucher.amount')}
        <input
          className="input input-money"
          inputMode="decimal"
          autoComplete="off"
          aria-describedby="voucher-amount-hint"
          aria-invalid={invalid}
          value={amountText}
          onChange={(e) => setAmountText(e.target.value.slice(0, 12))}
        />
      </label>
      <button type="submit" className="btn btn-secondary" disabled={invalid || code.trim() === ''}>
        {t('ui.voucher.apply')}
      </button>
      <p id="voucher-amount-hint" className="voucher-hint">
        {t('ui.voucher.amountHint')}
      </p>
      </form>
    </details>
  );
}
