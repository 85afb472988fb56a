import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TillApi } from '../../../core/rpc/contract.js';
import type { SyncStatus } from '../../../core/sync/status.js';
import { translateError } from '../shell/i18n.js';

const POLL_MS = 5_000;

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
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [centralUrl, setCentralUrl] = useState('');
  const [code, setCode] = useState('');

  const refresh = useCallback(async () => {
    const r = await api['sync.status']({}).catch(() => null);
    if (r?.ok) setStatus(r.value);
  }, [api]);

  useEffect(() => {
    const first = setTimeout(() => void refresh(), 0);
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [refresh]);

  const act = async (call: () => Promise<{ ok: true; value: SyncStatus } | { ok: false; error: { code: string; message: string; params?: Record<string, string | number> } }>) => {
    setMessage(null);
    const r = await call().catch(() => null);
    if (!r) return;
    if (r.ok) setStatus(r.value);
    else setMessage(translateError(r.error.code as Parameters<typeof translateError>[0], r.error.params, r.error.message));
  };

  const pair = (e: FormEvent) => {
    e.preventDefault();
    void act(() => api['sync.pair']({ centralUrl, pairingCode: code })).then(() => setCode(''));
  };

  if (!status) return null;
  const s = summary(status);
  const time = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : t('ui.sync.never'));
  return (
    <div className="sync">
      <button type="button" className={`sync-indicator sync-${s.tone}`} aria-expanded={open} onClick={() => setOpen((v) => !v)} data-testid="sync-indicator">
        <span className="sync-dot" aria-hidden="true" />
        {t(`ui.sync.${s.key}`, s.params)}
        {status.needsUpdate && <span className="sync-update"> · {t('ui.sync.needsUpdate')}</span>}
      </button>
      {open && (
        <section className="sync-panel" aria-label={t('ui.sync.title')} data-testid="sync-panel">
          <h2>{t('ui.sync.title')}</h2>
          <dl>
            <dt>{t('ui.sync.central')}</dt>
            <dd>{status.centralUrl ?? t('ui.sync.notPaired')}</dd>
            <dt>{t('ui.sync.connection')}</dt>
            <dd>{t(`ui.sync.online.${status.online}`)}</dd>
            <dt>{t('ui.sync.lastPull')}</dt>
            <dd>{time(status.lastPullAt)}</dd>
            <dt>{t('ui.sync.lastPush')}</dt>
            <dd>{time(status.lastPushAt)}</dd>
            <dt>{t('ui.sync.queue')}</dt>
            <dd>
              {t('ui.sync.queuedOps', { count: status.queued })}
              {status.oldestQueuedAgeSeconds !== null && ` · ${t('ui.sync.oldest', { minutes: Math.ceil(status.oldestQueuedAgeSeconds / 60) })}`}
            </dd>
            {status.pull.fullSync && status.pull.estimatedTotal !== null && (
              <>
                <dt>{t('ui.sync.fullSync')}</dt>
                <dd>
                  <progress max={status.pull.estimatedTotal} value={Math.min(status.pull.rowsDone, status.pull.estimatedTotal)} />
                </dd>
              </>
            )}
          </dl>
          {status.lastError && <p className="sync-error">{translateError(status.lastError.code, status.lastError.params, status.lastError.message)}</p>}
          {status.needsUpdate && <p className="sync-error">{t('ui.sync.needsUpdateLong')}</p>}
          {status.rejected.length > 0 && (
            <table className="sync-rejected">
              <caption>{t('ui.sync.rejectedTitle', { count: status.rejectedCount })}</caption>
              <thead>
                <tr>
                  <th>{t('ui.sync.when')}</th>
                  <th>{t('ui.sync.what')}</th>
                  <th>{t('ui.sync.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {status.rejected.map((r) => (
                  <tr key={r.opId}>
                    <td>{time(r.createdAt)}</td>
                    <td>
                      {r.opType} {r.entityId}
                    </td>
                    <td title={r.detail}>{t(`ui.sync.reasons.${r.reason}`, { defaultValue: r.reason })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {message && <p className="sync-error" role="alert">{message}</p>}
          {status.paired ? (
            <div className="sync-actions">
              <button type="button" className="btn btn-primary" onClick={() => void act(() => api['sync.now']({}))}>
                {t('ui.sync.now')}
              </button>
              <button type="button" className="btn btn-secondary" onClick={() => void act(() => api['sync.unpair']({}))}>
                {t('ui.sync.unpair')}
              </button>
            </div>
          ) : (
            <form className="sync-pair" onSubmit={pair}>
              <label>
                {t('ui.sync.centralUrl')}
                <input value={centralUrl} onChange={(e) => setCentralUrl(e.target.value)} placeholder="https://central.example" />
              </label>
              <label>
                {t('ui.sync.pairingCode')}
                <input value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" />
              </label>
              <button type="submit" className="btn btn-primary" disabled={!centralUrl || code.length < 4}>
                {t('ui.sync.pair')}
              </button>
            </form>
          )}
        </section>
      )}
    </div>
  );
}
