import type { Loaded } from './customers/useCustomers.js';
import { useFormat } from './format.js';

/** What a page shows while its data is not there: "Loading…", or the translated error. Nothing once loaded. */
export function Pending({ loaded }: { loaded: Loaded<unknown> }) {
  const f = useFormat();
  if (loaded.state === 'loading') return <p className="muted">{f.s.ui.app.loading}</p>;
  if (loaded.state === 'failed') {
    return (
      <p className="error" role="alert">
        {f.s.errors[loaded.code]}
      </p>
    );
  }
  return null;
}
