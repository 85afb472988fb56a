import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InterruptedView } from '../../../core/payment/contract.js';
import type { TillApi } from '../../../core/rpc/contract.js';
import type { Run } from '../shell/actions.js';
import { useTill } from '../shell/context.js';
import './interrupted.css';

const WHAT = { charge: 'ui.interrupted.whatCharge', refund: 'ui.interrupted.whatRefund', reversal: 'ui.interrupted.whatReversal' } as const;

/** How often the notice asks again: the start-up settles with the terminal a few seconds after the screen opens. */
const REFRESH_MS = 10_000;

/**
 * Card charges, refunds and reversals the till was cut off in that the terminal could not settle: each
 * with its amount, time and what to do, until a manager marks it checked.
 */
export function InterruptedNotice({ api, run }: { api: TillApi; run: Run }) {
  const { t } = useTranslation();
  const { f } = useTill();
  const [items, setItems] = useState<InterruptedView[]>([]);
  const load = useCallback(() => {
    void api['payment.interrupted']({})
      .then((r) => r.ok && setItems(r.value))
      .catch(() => undefined);
  }, [api]);
  useEffect(() => {
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);
  if (items.length === 0) return null;
  return (
    <section className="interrupted" aria-labelledby="interrupted-title" data-testid="interrupted-notice">
      <h2 id="interrupted-title">{t('ui.interrupted.title')}</h2>
      <ul>
        {items.map((item) => (
          <li key={item.attemptId} data-attempt={item.attemptId}>
            <div>
              <p>
                <strong>{t(`ui.interrupted.${item.kind}`, { amount: f.money(item.amount), time: f.dateTime(item.startedAt) })}</strong>
              </p>
              <p>{t(WHAT[item.kind])}</p>
            </div>
            <button type="button" className="btn btn-secondary" onClick={() => void run(() => api['payment.resolveInterrupted']({ attemptId: item.attemptId }), setItems)}>
              {t('ui.interrupted.checked')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
