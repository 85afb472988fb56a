import { useTranslation } from 'react-i18next';
import { AlertRegion } from './AlertRegion.js';

/** Until the till has said who it is. */
export function Boot({ error, onDismiss }: { error: string | null; onDismiss: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="boot">
      <div className="brand-mark" aria-hidden="true">
        Ω
      </div>
      <p>{t('ui.connection.connecting')}</p>
      <AlertRegion message={error} onDismiss={onDismiss} />
    </div>
  );
}
