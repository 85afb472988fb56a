import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { catalogues, LANGUAGES, type Language } from '../../../core/i18n/index.js';
import { cashierName } from './format.js';
import type { ConnectionState } from './api.js';
import { useTill } from './context.js';
import type { TillApi } from '../../../core/rpc/contract.js';
import { SyncIndicator } from '../sync/SyncIndicator.js';

/** The till's one header row; `staff` (the signed-in person's menu) takes the cashier's place. */
export function Header({ connection, onSettings, sync, staff }: { connection: ConnectionState; onSettings?: () => void; sync?: TillApi; staff?: ReactNode }) {
  const { t } = useTranslation();
  const { info, lang, setLang } = useTill();
  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          Ω
        </span>
        <span className="brand-name">Omnitill</span>
      </div>
      <dl className="till-facts">
        <div className="fact-store">
          <dt>{t('ui.header.store')}</dt>
          <dd title={info.storeName}>{info.storeName}</dd>
        </div>
        <div>
          <dt>{t('ui.header.till')}</dt>
          <dd>{info.tillId}</dd>
        </div>
        <div className={staff ? 'fact-staff' : undefined}>
          <dt>{t('ui.header.cashier')}</dt>
          <dd>{staff ?? cashierName(info.cashier, t)}</dd>
        </div>
        <div>
          <dt>
            <label htmlFor="ui-language">{t('ui.header.language')}</label>
          </dt>
          <dd>
            <select id="ui-language" className="lang-select" value={lang} onChange={(e) => setLang(e.target.value as Language)}>
              {LANGUAGES.map((l) => (
                <option key={l} value={l} lang={l}>
                  {catalogues[l].ui.languageName}
                </option>
              ))}
            </select>
          </dd>
        </div>
      </dl>
      {onSettings && (
        <button type="button" className="btn btn-ghost btn-settings" onClick={onSettings}>
          {t('ui.header.settings')}
        </button>
      )}
      {sync && <SyncIndicator api={sync} />}
      <div className={`conn conn-${connection}`} role="status" title={t(`ui.connection.${connection}`)}>
        <span className="conn-dot" aria-hidden="true" />
        <span className="conn-text">{t(`ui.connection.${connection}`)}</span>
      </div>
    </header>
  );
}
