import { useState, type FormEvent } from 'react';
import { fill } from '../../../../core/console/format.js';
import { useFormat } from '../format.js';
import { useLoad, type CustomerHit } from './useCustomers.js';
import { TableHead } from '../TableHead.js';
import { Pending } from '../Pending.js';

const SEARCH_LIMIT = 50;

export function CustomerSearch({ query, navigate, onSessionLost }: { query: string; navigate: (to: string) => void; onSessionLost: () => void }) {
  const f = useFormat();
  const { s } = f;
  const [typed, setTyped] = useState(query);
  const result = useLoad<{ kind: string; customers: CustomerHit[] }>(query ? `/customers?q=${encodeURIComponent(query)}` : null, onSessionLost);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const q = typed.trim();
    navigate(q ? `/console/customers?q=${encodeURIComponent(q)}` : '/console/customers');
  };
  const open = (id: string) => navigate(`/console/customers/${encodeURIComponent(id)}`);

  return (
    <main className="page">
      <h1>{s.ui.customers.heading}</h1>
      <form className="card search" role="search" onSubmit={submit}>
        <label htmlFor="customer-q">{s.ui.customers.searchLabel}</label>
        <div className="search-row">
          <input id="customer-q" type="search" name="q" value={typed} onChange={(e) => setTyped(e.target.value)} autoFocus aria-describedby="customer-q-hint" />
          <button type="submit" className="primary">
            {s.ui.customers.search}
          </button>
        </div>
        <p id="customer-q-hint" className="muted hint">
          {s.ui.customers.searchHint}
        </p>
      </form>
      <div aria-live="polite">
        <Pending loaded={result} />
        {result.state === 'done' &&
          (result.value.customers.length === 0 ? (
            <p>{fill(s.ui.customers.none, { q: query })}</p>
          ) : (
            <section className="card">
              <h2>{f.plural(s.ui.customers.found, result.value.customers.length)}</h2>
              {result.value.customers.length >= SEARCH_LIMIT && <p className="muted">{fill(s.ui.customers.capped, { count: f.number(SEARCH_LIMIT) })}</p>}
              <table className="results">
                <TableHead columns={[s.ui.customers.name, s.ui.customers.phones, s.ui.customers.email, s.ui.customers.lastPurchase]} />
                <tbody>
                  {result.value.customers.map((c) => (
                    <tr key={c.id} className="link" data-customer-id={c.id} onClick={() => open(c.id)}>
                      <td>
                        <a
                          href={`/console/customers/${encodeURIComponent(c.id)}`}
                          onClick={(e) => {
                            e.preventDefault();
                            e.stopPropagation();
                            open(c.id);
                          }}
                        >
                          {c.name || s.ui.customers.noName}
                        </a>
                      </td>
                      <td className="phone">{c.phones.join(', ')}</td>
                      <td>{c.email ?? '—'}</td>
                      <td>{c.lastPurchaseAt ? f.date(c.lastPurchaseAt) : <span className="muted">{s.ui.customers.never}</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ))}
      </div>
    </main>
  );
}
