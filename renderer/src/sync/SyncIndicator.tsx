import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TillApi } from '../../../core/rpc/contract.js';
import type { SyncStatus } from '../../../core/sync/status.js';
import { SyncPanel, usePairingForm } from './SyncPanel.js';
import { useSyncStatus } from './useSyncStatus.js';

type Tone = 'ok' | 'busy' | 'warn' | 'off';

function summary(s: SyncStatus): { tone: Tone; key: string; params: Record<string, number> } {
  if (!s.paired) return { tone: 'off', key: 'notPaired', params: {} };
  if (s.pull.running && s.pull.fullSync && s.pull.estimatedTotal) {
    return { tone: 'busy', key: 'progress', params: { percent: Math.min(99, Math.floor((100 * s.pull.rowsDone) / s.pull.estimatedTotal)) } };
  }
  if (s.online === 'offline') return { tone: 'warn', key: 'offline', params: { count: s.queued } };
  if (s.rejectedCount > 0) return { tone: 'warn', key: 'rejected', params: { count: s.rejectedCount } };
  if (s.queued > 0) return { tone: 'busy', key: 'queued', params: { count: s.queued } };
  return { tone: 'ok', key: 'synced', params: {} };
}

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

  if (!status) return null;
  const s = summary(status);
  return (
    <div className="sync">
      <button ref={button} type="button" className={`sync-indicator sync-${s.tone}`} aria-expanded={open} onClick={() => setOpen((v) => !v)} data-testid="sync-indicator">
        <span className="sync-dot" aria-hidden="true" />
        {t(`ui.sync.${s.key}`, s.params)}
        {status.needsUpdate && <span className="sync-update"> · {t('ui.sync.needsUpdate')}</span>}
      </button>
      {/* Going offline, or ops refused for good, is said aloud: the indicator alone changes quietly. */}
      <span className="visually-hidden" role="status" data-testid="sync-announce">
        {s.key === 'offline' ? t('ui.a11y.syncOffline') : s.key === 'rejected' ? t('ui.sync.rejected', s.params) : ''}
      </span>
      {open && (
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
