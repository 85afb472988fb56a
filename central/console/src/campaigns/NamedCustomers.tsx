import { useState } from 'react';
import { fill } from '../../../../core/console/format.js';
import type { ConsoleErrorCode } from '../../../../core/console/i18n.js';
import { api, ConsoleApiError, errorCode } from '../api.js';
import { useFormat } from '../format.js';
import type { CustomerHit } from '../customers/useCustomers.js';
import { ChosenList, PickRow } from './Chooser.js';

export interface Named {
  id: string;
  name: string;
}

/** Hits shown at once; the search answers at most 50. */
const SHOWN = 8;

/**
 * The campaign's named customers (rules.customers): found with the console's customer search
 * (phone in any form, name or e-mail), shown by name, stored by id.
 */
export function NamedCustomers({ chosen, onChange, error, onSessionLost }: { chosen: Named[]; onChange: (next: Named[]) => void; error: string | null; onSessionLost: () => void }) {
  const f = useFormat();
  const t = f.s.ui.campaigns.form.targets;
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<{ q: string; customers: CustomerHit[] } | null>(null);
  const [failure, setFailure] = useState<ConsoleErrorCode | null>(null);
  const nameOf = (c: Named) => c.name || t.noName;

  const find = async () => {
    const typed = q.trim();
    if (!typed) return;
    setFailure(null);
    try {
      const found = await api<{ customers: CustomerHit[] }>('GET', `/customers?q=${encodeURIComponent(typed)}`);
      setHits({ q: typed, customers: found.customers });
    } catch (e) {
      if (e instanceof ConsoleApiError && e.code === 'UNAUTHENTICATED') onSessionLost();
      setFailure(errorCode(e));
    }
  };

  return (
    <fieldset className="wide named-customers" aria-describedby={error ? 'err-customers hint-customers' : 'hint-customers'}>
      <legend>{t.customers}</legend>
      <p className="hint muted" id="hint-customers">{t.customersHint}</p>
      {error && (
        <span className="field-error" id="err-customers">
          {error}
        </span>
      )}
      <ChosenList items={chosen.map((c) => ({ key: c.id, label: nameOf(c) }))} onRemove={(id) => onChange(chosen.filter((x) => x.id !== id))} />
      <PickRow label={t.customerSearch} value={q} onChange={setQ} onPick={() => void find()} button={t.find} />
      {failure && <p className="error" role="alert">{f.s.errors[failure]}</p>}
      {hits && hits.customers.length === 0 && <p className="muted">{fill(t.noHits, { q: hits.q })}</p>}
      {hits && hits.customers.length > 0 && (
        <ul className="plain hits">
          {hits.customers.slice(0, SHOWN).map((c) => (
            <li key={c.id} data-customer-hit={c.id}>
              <span>
                <strong>{nameOf(c)}</strong> <span className="muted">{[...c.phones, c.email ?? ''].filter(Boolean).join(' · ')}</span>
              </span>
              <button
                type="button"
                className="secondary"
                disabled={chosen.some((x) => x.id === c.id)}
                aria-label={`${t.add}: ${nameOf(c)}`}
                onClick={() => {
                  onChange([...chosen, { id: c.id, name: c.name }]);
                  setHits(null);
                  setQ('');
                }}
              >
                {t.add}
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
