import { useState, type FormEvent } from 'react';
import { addDays } from '../../../../core/analytics/rollup.js';
import { fill, type ConsoleFormat } from '../../../../core/console/format.js';
import { api, ConsoleApiError, errorCode, type Me } from '../api.js';
import { DateInput } from '../DateInput.js';
import { useFormat } from '../format.js';
import { useLoad, type Names } from '../customers/useCustomers.js';
import { Pending } from '../Pending.js';
import { TableHead } from '../TableHead.js';
import './operations.css';

/** What central answers (central/src/operations/console.ts). */
interface ReturnLine {
  sku: string;
  product: Names;
  qtyKind: 'unit' | 'weight';
  quantity: number;
  shelfPriceMinor: number;
  unitPriceMinor: number;
  refundMinor: number;
}
interface NoReceiptReturn {
  id: string;
  returnNo: number;
  storeId: string;
  store: string;
  till: string;
  day: string;
  returnedAt: string;
  cashier: string;
  approver: string | null;
  /** An older till did not name the approver: central inferred it from the till's approvals. */
  approverInferred: boolean;
  method: 'cash' | 'storeCredit';
  refundMinor: number;
  currency: string;
  lines: ReturnLine[];
}
interface ReturnsAnswer {
  from: string;
  to: string;
  timeZone: string;
  returns: NoReceiptReturn[];
  capped: boolean;
}
interface VoucherConflict {
  spendId: string;
  code: string;
  store: string;
  till: string;
  spentAt: string;
  amountMinor: number;
  overspentMinor: number;
  currency: string;
  issuedIn: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  note: string | null;
}

const NOTE_MAX = 500;

function lineText(f: ConsoleFormat, l: ReturnLine, currency: string): string {
  const r = f.s.ui.operations.returns;
  const name = l.product ? l.product[f.lang] || l.product.en : l.sku;
  const quantity = l.qtyKind === 'weight' ? fill(r.grams, { count: f.number(l.quantity) }) : f.number(l.quantity);
  const price = f.money(l.unitPriceMinor, currency);
  return l.unitPriceMinor < l.shelfPriceMinor
    ? fill(r.lineBelowShelf, { name, quantity, price, shelf: f.money(l.shelfPriceMinor, currency) })
    : fill(r.line, { name, quantity, price });
}

/** The returns grouped by store, then by local day, in the order central sent them. */
function groupByStoreAndDay(rows: NoReceiptReturn[]) {
  const stores: { storeId: string; store: string; days: { day: string; returns: NoReceiptReturn[] }[] }[] = [];
  for (const r of rows) {
    let store = stores.find((s) => s.storeId === r.storeId);
    if (!store) stores.push((store = { storeId: r.storeId, store: r.store, days: [] }));
    let day = store.days.find((d) => d.day === r.day);
    if (!day) store.days.push((day = { day: r.day, returns: [] }));
    day.returns.push(r);
  }
  return stores;
}

interface ReturnFilters {
  from: string;
  to: string;
  storeId: string;
}

function Returns({ me, search, navigate, onSessionLost }: { me: Me; search: string; navigate: (to: string) => void; onSessionLost: () => void }) {
  const f = useFormat();
  const r = f.s.ui.operations.returns;
  const params = new URLSearchParams(search);
  const loaded = useLoad<ReturnsAnswer>(`/operations/no-receipt-returns${search}`, onSessionLost);
  const to = params.get('to') ?? (loaded.state === 'done' ? loaded.value.to : new Date().toISOString().slice(0, 10));
  const initial: ReturnFilters = { from: params.get('from') ?? addDays(to, -6), to, storeId: params.get('storeId') ?? '' };
  const apply = (v: ReturnFilters) => navigate(`/console/operations/returns?${new URLSearchParams(Object.entries(v).filter(([, x]) => x !== '')).toString()}`);
  return (
    <section aria-labelledby="h-returns">
      <h2 id="h-returns">{r.heading}</h2>
      <p className="muted">{r.intro}</p>
      <ReturnFilterForm key={initial.to} me={me} initial={initial} onApply={apply} />
      <Pending loaded={loaded} />
      {loaded.state === 'done' && <ReturnList answer={loaded.value} />}
    </section>
  );
}

function ReturnFilterForm({ me, initial, onApply }: { me: Me; initial: ReturnFilters; onApply: (v: ReturnFilters) => void }) {
  const f = useFormat();
  const r = f.s.ui.operations.returns;
  const [value, setValue] = useState(initial);
  const [badDate, setBadDate] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const ok = [value.from, value.to].every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d));
    setBadDate(!ok);
    if (ok) onApply(value);
  };
  return (
    <form className="card filters" onSubmit={submit} aria-label={r.heading}>
      <label>
        {r.from}
        <DateInput value={value.from} onChange={(v) => setValue({ ...value, from: v })} required />
      </label>
      <label>
        {r.to}
        <DateInput value={value.to} onChange={(v) => setValue({ ...value, to: v })} required />
      </label>
      <label>
        {r.store}
        <select value={value.storeId} onChange={(e) => setValue({ ...value, storeId: e.target.value })}>
          <option value="">{r.allStores}</option>
          {me.stores.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="primary">
        {r.show}
      </button>
      {badDate && (
        <p className="error" role="alert">
          {r.badDate}
        </p>
      )}
    </form>
  );
}

function ReturnList({ answer }: { answer: ReturnsAnswer }) {
  const f = useFormat();
  const r = f.s.ui.operations.returns;
  if (answer.returns.length === 0) return <p className="card muted">{r.none}</p>;
  return (
    <>
      {groupByStoreAndDay(answer.returns).map((store) => (
        <section key={store.storeId} className="card" data-store-id={store.storeId} aria-labelledby={`h-store-${store.storeId}`}>
          <h3 id={`h-store-${store.storeId}`}>{store.store}</h3>
          {store.days.map((day) => {
            const totals = new Map<string, number>();
            for (const x of day.returns) totals.set(x.currency, (totals.get(x.currency) ?? 0) + x.refundMinor);
            const amount = [...totals].map(([c, n]) => f.money(n, c)).join(', ');
            return (
              <div key={day.day} className="ops-day" data-day={day.day}>
                <h4>
                  {f.day(day.day)} <span className="muted">· {f.plural(r.dayTotal, day.returns.length, { amount })}</span>
                </h4>
                <div className="table-wrap" tabIndex={0} role="region" aria-label={`${store.store}, ${f.day(day.day)}`}>
                  <table className="ops-table">
                    <TableHead columns={[r.time, r.till, { label: r.number, num: true }, r.cashier, r.approver, r.products, r.method, { label: r.amount, num: true }]} />
                    <tbody>
                      {day.returns.map((x) => (
                        <tr key={x.id} data-return-id={x.id}>
                          <td>{f.time(x.returnedAt, answer.timeZone)}</td>
                          <td>{x.till}</td>
                          <td className="num">№ {x.returnNo}</td>
                          <td>{x.cashier}</td>
                          <td>
                            {x.approver === null ? (
                              <span className="muted">{r.ownRole}</span>
                            ) : x.approverInferred ? (
                              <span title={r.inferredHint}>{fill(r.inferred, { name: x.approver })}</span>
                            ) : (
                              x.approver
                            )}
                          </td>
                          <td>
                            <ul className="plain">
                              {x.lines.map((l) => (
                                <li key={l.sku}>{lineText(f, l, x.currency)}</li>
                              ))}
                            </ul>
                          </td>
                          <td>{r.methods[x.method]}</td>
                          <td className="num">{f.money(x.refundMinor, x.currency)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </div>
            );
          })}
        </section>
      ))}
      {answer.capped && <p className="muted">{fill(r.capped, { count: f.number(answer.returns.length) })}</p>}
      <p className="muted hint">{fill(r.daysNote, { zone: answer.timeZone })}</p>
    </>
  );
}

function VoucherConflicts({ search, navigate, onSessionLost }: { search: string; navigate: (to: string) => void; onSessionLost: () => void }) {
  const f = useFormat();
  const v = f.s.ui.operations.vouchers;
  const showAll = new URLSearchParams(search).get('open') === 'false';
  // A resolution (or finding one already made) reads the list anew.
  const [round, setRound] = useState(0);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const reload = (n: { ok: boolean; text: string }) => {
    setNotice(n);
    setRound((r) => r + 1);
  };
  return (
    <section aria-labelledby="h-vouchers">
      <h2 id="h-vouchers">{v.heading}</h2>
      <p className="muted">{v.intro}</p>
      <div className="card filters" role="group" aria-label={v.heading}>
        <label className="choice">
          <input type="radio" name="open" checked={!showAll} onChange={() => navigate('/console/operations/vouchers')} /> {v.openOnly}
        </label>
        <label className="choice">
          <input type="radio" name="open" checked={showAll} onChange={() => navigate('/console/operations/vouchers?open=false')} /> {v.all}
        </label>
      </div>
      {notice && (
        <p className={notice.ok ? 'ok-note' : 'error'} role={notice.ok ? 'status' : 'alert'}>
          {notice.text}
        </p>
      )}
      <ConflictTable key={round} showAll={showAll} onChanged={reload} onSessionLost={onSessionLost} />
    </section>
  );
}

function ConflictTable({ showAll, onChanged, onSessionLost }: { showAll: boolean; onChanged: (notice: { ok: boolean; text: string }) => void; onSessionLost: () => void }) {
  const f = useFormat();
  const v = f.s.ui.operations.vouchers;
  const loaded = useLoad<{ conflicts: VoucherConflict[]; timeZone: string }>(`/operations/voucher-conflicts?open=${showAll ? 'false' : 'true'}`, onSessionLost);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<{ id: string; text: string } | null>(null);

  const resolve = async (id: string) => {
    const note = (notes[id] ?? '').trim();
    if (note.length === 0 || note.length > NOTE_MAX) return setFailure({ id, text: v.noteNeeded });
    setFailure(null);
    try {
      await api('POST', `/operations/voucher-conflicts/${encodeURIComponent(id)}/resolve`, { note });
      onChanged({ ok: true, text: v.resolved });
    } catch (e) {
      if (e instanceof ConsoleApiError && e.code === 'UNAUTHENTICATED') onSessionLost();
      if (e instanceof ConsoleApiError && e.status === 409) return onChanged({ ok: false, text: v.alreadyResolved });
      setFailure({ id, text: f.s.errors[errorCode(e)] });
    }
  };
  if (loaded.state !== 'done') return <Pending loaded={loaded} />;
  const { conflicts: list, timeZone } = loaded.value;
  if (list.length === 0) return <p className="card muted">{showAll ? v.noneAtAll : v.none}</p>;
  return (
    <div className="card table-wrap" tabIndex={0} role="region" aria-label={v.heading}>
      <p className="muted hint">{fill(v.timesNote, { zone: timeZone })}</p>
      <table className="ops-table">
        <TableHead columns={[v.when, v.where, v.voucher, { label: v.spent, num: true }, { label: v.short, num: true }, v.status]} />
        <tbody>
          {list.map((k) => (
            <tr key={k.spendId} data-spend-id={k.spendId} data-resolved={k.resolvedAt ? 'true' : 'false'}>
              <td>{f.dateTime(k.spentAt, timeZone)}</td>
              <td>
                {k.store}, {k.till}
              </td>
              <td>
                <span className="code">{k.code}</span>
                <br />
                <span className="muted">{fill(v.issuedIn, { store: k.issuedIn })}</span>
              </td>
              <td className="num">{f.money(k.amountMinor, k.currency)}</td>
              <td className="num short">{f.money(k.overspentMinor, k.currency)}</td>
              {k.resolvedAt ? (
                <td className="decision">
                  <span className="muted">{fill(v.resolvedBy, { who: k.resolvedBy ?? '—', when: f.dateTime(k.resolvedAt, timeZone) })}</span>
                  <br />
                  <q>{k.note ?? ''}</q>
                </td>
              ) : (
                <td>
                  <div className="resolve">
                    <label>
                      {v.note}
                      <input
                        type="text"
                        maxLength={NOTE_MAX}
                        value={notes[k.spendId] ?? ''}
                        aria-invalid={failure?.id === k.spendId}
                        aria-describedby={failure?.id === k.spendId ? `voucher-error-${k.spendId}` : undefined}
                        onChange={(e) => {
                          setNotes({ ...notes, [k.spendId]: e.target.value });
                          if (failure?.id === k.spendId) setFailure(null);
                        }}
                      />
                    </label>
                    <button type="button" className="secondary" onClick={() => void resolve(k.spendId)}>
                      {v.resolve}
                    </button>
                    {failure?.id === k.spendId && (
                      <span className="error" role="alert" id={`voucher-error-${k.spendId}`}>
                        {failure.text}
                      </span>
                    )}
                  </div>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Store operations: returns without a receipt and voucher conflicts, each on its own tab. */
export function OperationsPage({ path, search, me, navigate, onSessionLost }: { path: string; search: string; me: Me; navigate: (to: string) => void; onSessionLost: () => void }) {
  const f = useFormat();
  const o = f.s.ui.operations;
  const tab = path.startsWith('/console/operations/vouchers') ? 'vouchers' : 'returns';
  const tabs = [
    { id: 'returns', href: '/console/operations/returns', label: o.returnsTab },
    { id: 'vouchers', href: '/console/operations/vouchers', label: o.vouchersTab },
  ] as const;
  return (
    <main className="page operations">
      <h1>{o.heading}</h1>
      <nav className="tabs" aria-label={o.tabs}>
        {tabs.map((t) => (
          <a
            key={t.id}
            href={t.href}
            aria-current={tab === t.id ? 'page' : undefined}
            onClick={(e) => {
              e.preventDefault();
              navigate(t.href);
            }}
          >
            {t.label}
          </a>
        ))}
      </nav>
      {tab === 'returns' ? (
        <Returns me={me} search={search} navigate={navigate} onSessionLost={onSessionLost} />
      ) : (
        <VoucherConflicts search={search} navigate={navigate} onSessionLost={onSessionLost} />
      )}
    </main>
  );
}
