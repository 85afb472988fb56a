import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TillApi } from '../../../core/rpc/contract.js';
import { syncSummary } from '../../../core/sync/summary.js';
import { SyncPanel, usePairingForm } from './SyncPanel.js';
import { useSyncStatus } from './useSyncStatus.js';

/**
 * The header's quiet sync indicator: one line, never a dialog. It opens a small panel with
 * the details a manager needs (last pull and push, queue, rejected ops), "Sync now" and pairing.
 */
export function SyncIndicator({ api }: { api: TillApi }) {
  const { t } = useTranslation();
  const { status, message, act } = useSyncStatus(api);
  const [open, setOpen] = useState(false);
  const form = usePairingForm();
  const button = useRef<HTMLButtonElement>(null);

  const s = status ? syncSummary(status) : null;
  return (
    <div className="sync">
      {status && s && (
        <button ref={button} type="button" className={`sync-indicator sync-${s.tone}`} aria-expanded={open} onClick={() => setOpen((v) => !v)} data-testid="sync-indicator">
          <span className="sync-dot" aria-hidden="true" />
          {t(`ui.sync.${s.key}`, s.params)}
          {status.needsUpdate && <span className="sync-update"> · {t('ui.sync.needsUpdate')}</span>}
        </button>
      )}
      {/* Going offline, or ops refused for good, is said aloud: the indicator alone changes quietly.
          The region is on the page before the first status, so even that one is announced. */}
      <span className="visually-hidden" role="status" data-testid="sync-announce">
        {s?.key === 'offline' ? t('ui.a11y.syncOffline') : s?.key === 'rejected' ? t('ui.sync.rejected', s.params) : ''}
      </span>
      {open && status && (
        <SyncPanel
          api={api}
          status={status}
          message={message}
          act={act}
          form={form}
          onClose={() => {
            setOpen(false);
            button.current?.focus();
          }}
        />
      )}
    </div>
  );
}
