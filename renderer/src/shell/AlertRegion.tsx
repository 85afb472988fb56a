import { useTranslation } from 'react-i18next';

/** The one place errors appear: announced at once, kept until the next action or dismissed. */
export function AlertRegion({ message, onDismiss }: { message: string | null; onDismiss: () => void }) {
  const { t } = useTranslation();
  if (!message) return null;
  return (
    <div className="alert" role="alert">
      <span className="alert-icon" aria-hidden="true">
        !
      </span>
      <p className="alert-text">{message}</p>
      <button type="button" className="btn btn-ghost alert-dismiss" onClick={onDismiss}>
        {t('ui.alert.dismiss')}
      </button>
    </div>
  );
}
