import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { SaleView } from '../../../core/sale/contract.js';
import { useTill } from '../shell/context.js';
import { useDialogFocus } from '../shell/focus.js';
import { VatTable } from './VatTable.js';
import { PromoTotals } from '../promo/PromoPanel.js';

/** Under the lines: the VAT breakdown per rate and the total, large enough to read from the queue. */
export function TotalsBar({ sale }: { sale: SaleView | null }) {
  const { t } = useTranslation();
  const { f } = useTill();
  return (
    <section className="totals" aria-labelledby="total-label">
      <div className="totals-vat">
        <VatTable rows={sale?.totals.vat ?? []} />
      </div>
      <div className="total-block">
        <PromoTotals sale={sale} />
        <div className="total-label" id="total-label">
          {t('ui.totals.title')}
        </div>
        <output className="total-amount" data-testid="sale-total" aria-labelledby="total-label">
          {f.money(sale?.totals.total ?? 0)}
        </output>
        <div className="total-items">{t('ui.totals.items', { count: sale?.totals.itemCount ?? 0 })}</div>
      </div>
    </section>
  );
}

interface SaleActionsProps {
  readonly sale: SaleView | null;
  readonly canPay: boolean;
  readonly onPay: () => void;
  readonly confirmCancel: boolean;
  /** The card total held on the sale, refunded to the card with the cancel (0: none). */
  readonly cancelCards: number;
  /** The cancel is waiting on the terminal to refund the cards. */
  readonly cancelling: boolean;
  readonly onAskCancel: () => void;
  readonly onCancel: () => void;
  readonly onKeep: () => void;
}

/** Pay and Cancel, at the bottom of the side column where the thumb is. */
export function SaleActions({ sale, canPay, onPay, confirmCancel, cancelCards, cancelling, onAskCancel, onCancel, onKeep }: SaleActionsProps) {
  const { t } = useTranslation();
  const cancelRef = useRef<HTMLButtonElement>(null);
  return (
    <section className="sale-actions">
      {confirmCancel ? (
        <ConfirmCancel cards={cancelCards} waiting={cancelling} onCancel={onCancel} onKeep={onKeep} back={() => cancelRef.current} />
      ) : (
        <div className="sale-buttons">
          <button type="button" className="btn btn-primary btn-pay" disabled={!canPay} onClick={onPay}>
            {t('ui.actions.pay')}
            <kbd aria-hidden="true">F4</kbd>
          </button>
          <button ref={cancelRef} type="button" className="btn btn-secondary" disabled={!sale || sale.status !== 'open'} onClick={onAskCancel}>
            {t('ui.actions.cancelSale')}
          </button>
        </div>
      )}
    </section>
  );
}

/**
 * "Cancel this sale?": a small alert dialog in place of the buttons. Focus starts on Keep, Tab
 * stays on its two buttons, Escape keeps the sale, and focus goes back to Cancel sale. With
 * cards held on the sale it names their total, and waits while the terminal refunds them.
 */
function ConfirmCancel({ cards, waiting, onCancel, onKeep, back }: { cards: number; waiting: boolean; onCancel: () => void; onKeep: () => void; back: () => HTMLElement | null }) {
  const { t } = useTranslation();
  const { f } = useTill();
  const root = useRef<HTMLDivElement>(null);
  const keep = useRef<HTMLButtonElement>(null);
  const { onKeyDown } = useDialogFocus(root, () => (waiting ? undefined : onKeep()), keep, back);
  const amount = f.money(cards);
  // Its buttons are disabled while the terminal works: focus stays in the dialog, not on the page body.
  useEffect(() => {
    if (waiting) root.current?.focus();
  }, [waiting]);
  return (
    <div ref={root} tabIndex={-1} className="confirm" role="alertdialog" aria-modal="false" aria-labelledby="confirm-cancel-text" aria-busy={waiting} onKeyDown={onKeyDown}>
      <p id="confirm-cancel-text">{cards > 0 ? t('ui.actions.cancelCardQuestion', { amount }) : t('ui.actions.cancelQuestion')}</p>
      {waiting && (
        <p className="confirm-waiting" role="status">
          {t('ui.actions.cancelCardWaiting', { amount })}
        </p>
      )}
      <div className="confirm-buttons">
        <button type="button" className="btn btn-danger" disabled={waiting} onClick={onCancel}>
          {cards > 0 ? t('ui.actions.cancelCardYes') : t('ui.actions.cancelYes')}
        </button>
        <button ref={keep} type="button" className="btn btn-secondary" disabled={waiting} onClick={onKeep}>
          {t('ui.actions.cancelNo')}
        </button>
      </div>
    </div>
  );
}
