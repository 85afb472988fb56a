import { useTranslation } from 'react-i18next';
import type { SaleView } from '../../../core/sale/contract.js';
import { formatRate } from '../../../core/vat.js';
import { useTill } from '../shell/context.js';

/** VAT per rate: rate, net, VAT, gross. The gross column adds up to the total (the backend guarantees it). */
export function VatTable({ rows }: { rows: SaleView['totals']['vat'] }) {
  const { t } = useTranslation();
  const { f } = useTill();
  if (rows.length === 0) return null;
  return (
    <table className="vat">
      <caption>{t('ui.totals.vatCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('ui.totals.rate')}</th>
          <th scope="col">{t('ui.totals.net')}</th>
          <th scope="col">{t('ui.totals.vat')}</th>
          <th scope="col">{t('ui.totals.gross')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.basisPoints} data-vat-rate={row.basisPoints}>
            <th scope="row">{formatRate(row.basisPoints)}</th>
            <td>{f.money(row.net)}</td>
            <td>{f.money(row.vat)}</td>
            <td>{f.money(row.gross)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
