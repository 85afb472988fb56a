import { useTranslation } from 'react-i18next';
import type { PrintJobView } from '../../../core/hardware/hardware.js';
import { translateError } from '../shell/i18n.js';

/**
 * A quiet line under the header when the last sale's receipt did not print: the reason in the
 * cashier's language and the one action that helps (print again now, or a copy when the
 * printer may already have printed it).
 */
export function PrinterIndicator({ job, onRetry, onReprint }: { job: PrintJobView; onRetry: () => void; onReprint: () => void }) {
  const { t } = useTranslation();
  const code = job.errorCode ?? 'PRINTER_OFFLINE';
  const reason = translateError(code, { address: '', path: '', receiptNo: '' }, job.errorDetail ?? code).replace(/\s{2,}/g, ' ');
  const unconfirmed = code === 'PRINT_JOB_UNCONFIRMED';
  return (
    <div className="printer-indicator" data-testid="printer-indicator">
      <span className="printer-icon" aria-hidden="true">
        !
      </span>
      <p>
        <strong>{t('ui.printer.lastReceipt')}</strong> <span>{reason}</span>
      </p>
      {job.state === 'failed' &&
        (unconfirmed ? (
          <button type="button" className="btn btn-secondary" onClick={onReprint}>
            {t('ui.printer.reprint')}
          </button>
        ) : (
          <button type="button" className="btn btn-secondary" onClick={onRetry}>
            {t('ui.printer.retry')}
          </button>
        ))}
    </div>
  );
}
