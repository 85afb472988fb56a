import { useTranslation } from 'react-i18next';
import type { ConnectionState } from './api.js';
import { useTill } from './context.js';
import type { TillApi } from '../../../core/rpc/contract.js';
import { SyncIndicator } from '../sync/SyncIndicator.js';

export function Header({ connection, onSettings, sync }: { connection: ConnectionState; onSettings?: () => void; sync?: TillApi }) {
  const { t } = useTranslation();
  const { info } = useTill();
  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          Ω
        </span>
        <span className="brand-name">Omnitill</span>
      </div>
      <dl className="till-facts">
        <div>
          <dt>{t('ui.header.store')}</dt>
          <dd>{info.storeName}</dd>
        </div>
        <div>
          <dt>{t('ui.header.till')}</dt>
          <dd>{info.tillId}</dd>
        </div>
        <div>
          <dt>{t('ui.header.cashier')}</dt>
          <dd>{info.cashier}</dd>
        </div>
        <div>
          <dt>{t('ui.header.language')}</dt>
          <dd>{t('ui.languageName')}</dd>
        </div>
      </dl>
      {onSettings && (
        <button type="button" className="btn btn-ghost btn-settings" onClick={onSettings}>
          {t('ui.header.settings')}
        </button>
      )}
      {sync && <SyncIndicator api={sync} />}
      <div className={`conn conn-${connection}`} role="status">
        <span className="conn-dot" aria-hidden="true" />
        {t(`ui.connection.${connection}`)}
      </div>
    </header>
  );
}
