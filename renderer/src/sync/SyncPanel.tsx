import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TillApi } from '../../../core/rpc/contract.js';
import { normalisePairingCode, PAIRING_CODE_LENGTH } from '../../../core/sync/pairing.js';
import type { SyncStatus } from '../../../core/sync/status.js';
import { useTill } from '../shell/context.js';
import { useDialogFocus } from '../shell/focus.js';
import { translateError } from '../shell/i18n.js';
import type { SyncAct } from './useSyncStatus.js';

type When = (iso: string | null) => string;

/** What the pairing form holds; kept by the indicator, so closing the panel loses nothing typed. */
export function usePairingForm() {
  const [centralUrl, setCentralUrl] = useState('');
  const [code, setCode] = useState('');
  return { centralUrl, setCentralUrl, code, setCode };
}

type PairingForm = ReturnType<typeof usePairingForm>;

function SyncDetails({ status, time }: { status: SyncStatus; time: When }) {
  const { t } = useTranslation();
  return (
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
  );
}

function RejectedOps({ status, time }: { status: SyncStatus; time: When }) {
  const { t } = useTranslation();
  return (
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
  );
}

function PairForm({ api, act, form }: { api: TillApi; act: SyncAct; form: PairingForm }) {
  const { t } = useTranslation();
  const { centralUrl, setCentralUrl, code, setCode } = form;
  const typed = normalisePairingCode(code);
  const pair = (e: FormEvent) => {
    e.preventDefault();
    void act(() => api['sync.pair']({ centralUrl, pairingCode: typed })).then(() => setCode(''));
  };
  return (
    <form className="sync-pair" onSubmit={pair}>
      <label>
        {t('ui.sync.centralUrl')}
        <input value={centralUrl} onChange={(e) => setCentralUrl(e.target.value)} placeholder="https://central.example" />
      </label>
      <label>
        {t('ui.sync.pairingCode')}
        <input
          value={code}
          onChange={(e) => setCode(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          maxLength={PAIRING_CODE_LENGTH * 2}
          aria-describedby="pairing-code-hint"
        />
      </label>
      <p id="pairing-code-hint" className="sync-pair-hint">
        {t('ui.sync.pairingCodeHint', { count: PAIRING_CODE_LENGTH, typed: typed.length })}
      </p>
      <button type="submit" className="btn btn-primary" disabled={!centralUrl || typed.length !== PAIRING_CODE_LENGTH}>
        {t('ui.sync.pair')}
      </button>
    </form>
  );
}

interface SyncPanelProps {
  readonly api: TillApi;
  readonly status: SyncStatus;
  readonly message: string | null;
  readonly act: SyncAct;
  readonly form: PairingForm;
  readonly onClose: () => void;
}

/** The details a manager needs (last pull and push, queue, rejected ops), "Sync now" and pairing. */
export function SyncPanel({ api, status, message, act, form, onClose }: SyncPanelProps) {
  const { t } = useTranslation();
  const { f } = useTill();
  // A dialog: focus moves in, Tab stays in, Escape closes it and gives focus back to the indicator.
  const root = useRef<HTMLElement>(null);
  const { onKeyDown } = useDialogFocus(root, onClose);
  // In the UI language and the store's time zone, like every other time on the till's screens.
  const time: When = (iso) => (iso ? f.dateTime(iso) : t('ui.sync.never'));
  return (
    <section
      ref={root}
      className="sync-panel"
      role="dialog"
      aria-modal="true"
      aria-labelledby="sync-title"
      tabIndex={-1}
      onKeyDown={onKeyDown}
      data-testid="sync-panel"
    >
      <h2 id="sync-title">{t('ui.sync.title')}</h2>
      <SyncDetails status={status} time={time} />
      {status.lastError && <p className="sync-error">{translateError(status.lastError.code, status.lastError.params, status.lastError.message)}</p>}
      {status.needsUpdate && <p className="sync-error">{t('ui.sync.needsUpdateLong')}</p>}
      {status.rejected.length > 0 && <RejectedOps status={status} time={time} />}
      {message && (
        <p className="sync-error" role="alert">
          {message}
        </p>
      )}
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
        <PairForm api={api} act={act} form={form} />
      )}
    </section>
  );
}
