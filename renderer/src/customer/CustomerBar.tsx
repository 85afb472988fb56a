import { useTranslation } from 'react-i18next';
import type { SaleView } from '../../../core/sale/contract.js';
import './customer.css';

interface BarProps {
  readonly customer: SaleView['customer'];
  readonly note: string | null;
  readonly onOpen: () => void;
  readonly onDetach: () => void;
}

/** Above the lines: the customer on this sale (name and masked phone only), or the way to find her. */
export function CustomerBar({ customer, note, onOpen, onDetach }: BarProps) {
  const { t } = useTranslation();
  return (
    <div className="customer-bar" data-testid="customer-bar">
      {customer ? (
        <>
          <span className="customer-bar-label">{t('ui.customer.onSale')}:</span>
          <strong data-testid="sale-customer">{customer.name}</strong>
          <span className="customer-bar-phone">{customer.maskedPhone}</span>
          <button type="button" className="btn btn-ghost btn-small" onClick={onOpen}>
            {t('ui.customer.profile')}
          </button>
          <button type="button" className="btn btn-ghost btn-small" onClick={onDetach}>
            {t('ui.customer.detach')}
          </button>
        </>
      ) : (
        <button type="button" className="btn btn-secondary btn-small" onClick={onOpen}>
          {t('ui.customer.open')} <kbd aria-hidden="true">F8</kbd>
        </button>
      )}
      {note && (
        <span className="customer-bar-note" role="status">
          {note}
        </span>
      )}
    </div>
  );
}
