import { useState } from 'react';
import { fill, type ConsoleFormat } from '../../../../core/console/format.js';
import { SEGMENT_CONDITION_KINDS, type SegmentCondition, type SegmentConditionKind } from '../../../../core/console/segmentRules.js';
import { api, ConsoleApiError, errorCode } from '../api.js';
import { useFormat } from '../format.js';
import { useLoad } from '../customers/useCustomers.js';
import { Pending } from '../Pending.js';
import type { ConsoleErrorCode } from '../../../../core/console/i18n.js';
import { refusedFields } from './fieldErrors.js';

interface Segment {
  id: string;
  name: string;
  rules: { all: SegmentCondition[] };
  size: number;
  refreshedAt: string | null;
}

const CHANNELS = ['web', 'app', 'email', 'stream', 'social', 'sms', 'store'] as const;
const CONSENTS = ['sms', 'email', 'push', 'messenger', 'phone'] as const;
const CURRENCIES = ['RUB', 'UAH', 'RON', 'MDL', 'EUR'] as const;

/** A condition as the builder holds it: every value as typed, turned into numbers when sent. */
type Row = { kind: SegmentConditionKind; value: string; currency: string };

const blank = (kind: SegmentConditionKind): Row => ({
  kind,
  value: kind === 'no_purchase_days' ? '30' : kind === 'open_cart_hours' ? '24' : kind === 'first_channel' ? 'web' : kind === 'consent' ? 'email' : '',
  currency: 'RON',
});

function conditionOf(r: Row): unknown {
  const n = /^\d+$/.test(r.value.trim()) ? Number(r.value.trim()) : Number.NaN;
  switch (r.kind) {
    case 'no_purchase_days': return { kind: r.kind, days: n };
    case 'open_cart_hours': return { kind: r.kind, hours: n };
    case 'bought_category': return { kind: r.kind, category: r.value };
    case 'first_channel':
    case 'consent': return { kind: r.kind, channel: r.value };
    case 'total_spend': return { kind: r.kind, atLeastMinor: n, currency: r.currency };
  }
}

function describe(f: ConsoleFormat, c: SegmentCondition): string {
  const d = f.s.ui.campaigns.segs.describe;
  const channel = (k: string) => (f.s.ui.channels as Record<string, string>)[k] ?? k;
  switch (c.kind) {
    case 'no_purchase_days': return fill(d.no_purchase_days, { days: f.number(c.days) });
    case 'open_cart_hours': return fill(d.open_cart_hours, { hours: f.number(c.hours) });
    case 'bought_category': return fill(d.bought_category, { category: c.category });
    case 'first_channel': return fill(d.first_channel, { channel: channel(c.channel) });
    case 'consent': return fill(d.consent, { channel: channel(c.channel) });
    case 'total_spend': return fill(d.total_spend, { amount: f.money(c.atLeastMinor, c.currency) });
  }
}

/** Segments (S7): the rule builder, each segment's size and a sample of its members. */
export function SegmentsPage({ navigate, onSessionLost }: { navigate: (to: string) => void; onSessionLost: () => void }) {
  const f = useFormat();
  const s = f.s.ui.campaigns.segs;
  const [round, setRound] = useState(0);
  const list = useLoad<{ segments: Segment[] }>(`/segments?r=${round}`, onSessionLost);
  const [open, setOpen] = useState<string | null>(null);
  const sample = useLoad<Segment & { sample: { id: string; name: string }[] }>(open ? `/segments/${encodeURIComponent(open)}?r=${round}` : null, onSessionLost);
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [rows, setRows] = useState<Row[]>([blank('no_purchase_days')]);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      await api('POST', '/segments', { id: id.trim(), name, rules: { all: rows.map(conditionOf) } });
      setOpen(id.trim());
      setRound((r) => r + 1);
    } catch (err) {
      if (err instanceof ConsoleApiError && err.code === 'UNAUTHENTICATED') onSessionLost();
      const named = refusedFields(err);
      const forms = f.s.ui.campaigns.form.invalid;
      if (named.length > 0) setFailure(named.map((x) => (x === 'rules' ? s.invalid : ((forms as Record<string, string>)[x] ?? forms.other))).join(' '));
      else if (err instanceof ConsoleApiError && err.status === 409) setFailure(forms.id);
      else setFailure(f.s.errors[errorCode(err) as ConsoleErrorCode]);
    } finally {
      setBusy(false);
    }
  };
  const refresh = async (segment: string) => {
    await api('POST', `/segments/${encodeURIComponent(segment)}/refresh`).catch((err: unknown) => setFailure(f.s.errors[errorCode(err) as ConsoleErrorCode]));
    setRound((r) => r + 1);
  };
  const setRow = (i: number, row: Partial<Row>) => setRows((all) => all.map((r, j) => (j === i ? { ...r, ...row } : r)));

  return (
    <main className="page">
      <nav className="tabs" aria-label={s.heading}>
        <a href="/console/campaigns" onClick={(e) => { e.preventDefault(); navigate('/console/campaigns'); }}>{s.campaignsTab}</a>
        <a href="/console/campaigns/segments" aria-current="page">{s.tab}</a>
      </nav>
      <h1>{s.heading}</h1>
      <Pending loaded={list} />
      {list.state === 'done' && (list.value.segments.length === 0 ? <p className="muted">{s.none}</p> : (
        <section className="card">
          <div className="table-wrap">
            <table className="segments">
              <thead>
                <tr><th scope="col">{f.s.ui.campaigns.form.name}</th><th scope="col">{s.rules}</th><th scope="col" className="num">{s.size}</th><th scope="col">{s.refreshedAt}</th><th scope="col"><span className="sr-only">{s.refresh}</span></th></tr>
              </thead>
              <tbody>
                {list.value.segments.map((g) => (
                  <tr key={g.id} data-segment-id={g.id}>
                    <th scope="row"><button type="button" className="link" onClick={() => setOpen(g.id)}>{g.name}</button></th>
                    <td>{g.rules.all.map((c) => describe(f, c)).join('; ')}</td>
                    <td className="num size">{f.number(g.size)}</td>
                    <td>{g.refreshedAt ? f.dateTime(g.refreshedAt) : s.never}</td>
                    <td><button type="button" className="secondary" onClick={() => void refresh(g.id)}>{s.refresh}</button></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
      {open && sample.state === 'done' && (
        <section className="card" aria-labelledby="h-sample">
          <h2 id="h-sample">{sample.value.name}: {s.sample}</h2>
          {sample.value.sample.length === 0 ? <p className="muted">{s.noMembers}</p> : (
            <ul className="chips sample">
              {sample.value.sample.map((m) => (
                <li key={m.id}>
                  <a className="chip" href={`/console/customers/${encodeURIComponent(m.id)}`} onClick={(e) => { e.preventDefault(); navigate(`/console/customers/${encodeURIComponent(m.id)}`); }}>
                    {m.name || m.id}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <form className="card segment-builder" onSubmit={(e) => void save(e)} noValidate>
        <h2>{s.newSegment}</h2>
        {failure && <p className="error" role="alert">{failure}</p>}
        <div className="form-grid">
          <label>{f.s.ui.campaigns.form.name}<input type="text" value={name} onChange={(e) => setName(e.target.value)} /></label>
          <label>{f.s.ui.campaigns.form.id}<input type="text" value={id} onChange={(e) => setId(e.target.value)} /></label>
        </div>
        <p>{s.all}</p>
        <ol className="conditions">
          {rows.map((r, i) => (
            <li key={i}>
              <label>
                <span className="sr-only">{s.rules} {i + 1}</span>
                <select value={r.kind} onChange={(e) => setRow(i, blank(e.target.value as SegmentConditionKind))}>
                  {SEGMENT_CONDITION_KINDS.map((k) => <option key={k} value={k}>{s.kinds[k]}</option>)}
                </select>
              </label>
              {(r.kind === 'first_channel' || r.kind === 'consent') ? (
                <label>
                  {s.channel}
                  <select value={r.value} onChange={(e) => setRow(i, { value: e.target.value })}>
                    {(r.kind === 'consent' ? CONSENTS : CHANNELS).map((c) => <option key={c} value={c}>{(f.s.ui.channels as Record<string, string>)[c]}</option>)}
                  </select>
                </label>
              ) : (
                <label>
                  {r.kind === 'no_purchase_days' ? s.days : r.kind === 'open_cart_hours' ? s.hours : r.kind === 'bought_category' ? s.category : s.amountMinor}
                  <input type="text" inputMode={r.kind === 'bought_category' ? 'text' : 'numeric'} value={r.value} onChange={(e) => setRow(i, { value: e.target.value })} />
                </label>
              )}
              {r.kind === 'total_spend' && (
                <label>
                  {s.currency}
                  <select value={r.currency} onChange={(e) => setRow(i, { currency: e.target.value })}>
                    {CURRENCIES.map((c) => <option key={c}>{c}</option>)}
                  </select>
                </label>
              )}
              {rows.length > 1 && <button type="button" className="secondary" onClick={() => setRows((all) => all.filter((_, j) => j !== i))}>{s.remove}</button>}
            </li>
          ))}
        </ol>
        <div className="actions">
          {rows.length < 10 && <button type="button" className="secondary" onClick={() => setRows((all) => [...all, blank('consent')])}>{s.addCondition}</button>}
          <button type="submit" className="primary" disabled={busy}>{s.save}</button>
        </div>
      </form>
    </main>
  );
}
