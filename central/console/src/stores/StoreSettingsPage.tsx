import { useState, type FormEvent } from 'react';
import type { ConsoleErrorCode } from '../../../../core/console/i18n.js';
import { fill } from '../../../../core/console/format.js';
import { parseLimitPercent, parsePolicyAmount, typedAmount, typedPercent } from '../../../../core/console/storeSettings.js';
import { NO_RECEIPT_METHODS } from '../../../../core/noreceipt/contract.js';
import { PAYMENT_METHODS } from '../../../../core/payment/tender.js';
import { api, ConsoleApiError, errorCode, type Me } from '../api.js';
import { useLoad } from '../customers/useCustomers.js';
import { useFormat } from '../format.js';
import { Pending } from '../Pending.js';
import './stores.css';

/** What central answers for a store's settings (central/src/stores). */
interface StorePolicyView {
  storeId: string;
  name: string;
  currency: string;
  version: number;
  changedAt: string;
  paymentMethods: string[];
  noReceiptReturns: { methods: string[]; maxMinor: number };
  manualDiscountLimit: number;
  voucherOfflineCapMinor: number;
  editable?: string[];
}

/** The fields as typed, and the fields a message is shown beside. */
interface Draft {
  paymentMethods: string[];
  noReceiptMethods: string[];
  noReceiptMax: string;
  manualDiscountLimit: string;
  voucherOfflineCapMinor: string;
}
type Field = keyof Draft;

const FIELD_OF: Record<string, Field> = {
  paymentMethods: 'paymentMethods',
  noReceiptReturns: 'noReceiptMax',
  manualDiscountLimit: 'manualDiscountLimit',
  voucherOfflineCapMinor: 'voucherOfflineCapMinor',
};

/** The fields central named when it refused (zod paths, or the fields a manager may not change). */
function namedFields(e: unknown): Field[] {
  if (!(e instanceof ConsoleApiError) || (e.code !== 'INPUT_INVALID' && e.code !== 'FORBIDDEN')) return [];
  return [
    ...new Set(
      e.details.flatMap((d): Field[] => {
        const [top, inner] = d.path ?? [];
        if (top === 'noReceiptReturns' && inner === 'methods') return ['noReceiptMethods'];
        const field = FIELD_OF[String(top)];
        return field ? [field] : [];
      }),
    ),
  ];
}

/** One store's policies: payment methods, returns without a receipt, the discount limit, the offline voucher cap. */
export function StoreSettingsPage({ storeId, me, navigate, onSessionLost }: { storeId: string | null; me: Me; navigate: (to: string) => void; onSessionLost: () => void }) {
  const f = useFormat();
  const s = f.s.ui.stores;
  const chosen = storeId ?? me.stores[0]?.id ?? null;
  const loaded = useLoad<StorePolicyView>(chosen === null ? null : `/stores/${encodeURIComponent(chosen)}/policy`, onSessionLost);
  return (
    <main className="page store-settings">
      <h1>{s.heading}</h1>
      {me.stores.length === 0 && <p className="muted">{s.none}</p>}
      {me.stores.length > 1 && (
        <label className="store-pick">
          {s.store}
          <select value={chosen ?? ''} onChange={(e) => navigate(`/console/stores/${encodeURIComponent(e.target.value)}`)}>
            {me.stores.map((st) => (
              <option key={st.id} value={st.id}>
                {st.name} ({st.id})
              </option>
            ))}
          </select>
        </label>
      )}
      <Pending loaded={loaded} />
      {loaded.state === 'done' && <PolicyForm key={`${loaded.value.storeId}/${f.lang}`} view={loaded.value} onSessionLost={onSessionLost} />}
    </main>
  );
}

function PolicyForm({ view, onSessionLost }: { view: StorePolicyView; onSessionLost: () => void }) {
  const f = useFormat();
  const s = f.s.ui.stores;
  const draftOf = (v: StorePolicyView): Draft => ({
    paymentMethods: v.paymentMethods,
    noReceiptMethods: v.noReceiptReturns.methods,
    noReceiptMax: typedAmount(v.noReceiptReturns.maxMinor, v.currency, f.lang),
    manualDiscountLimit: typedPercent(v.manualDiscountLimit, f.lang),
    voucherOfflineCapMinor: typedAmount(v.voucherOfflineCapMinor, v.currency, f.lang),
  });
  const [current, setCurrent] = useState(view);
  const [d, setD] = useState<Draft>(() => draftOf(view));
  const [bad, setBad] = useState<Field[]>([]);
  const [forbidden, setForbidden] = useState<Field[]>([]);
  const [failure, setFailure] = useState<ConsoleErrorCode | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // "Saved, version 3" is said in the language it was saved in: another language drops it rather than mix two.
  const [saidIn, setSaidIn] = useState(f.lang);
  if (saidIn !== f.lang) {
    setSaidIn(f.lang);
    setDone(null);
  }
  const [busy, setBusy] = useState(false);
  const editable = (field: string) => view.editable?.includes(field) ?? false;
  const set = <K extends Field>(k: K, v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));
  const toggle = (k: 'paymentMethods' | 'noReceiptMethods', method: string, on: boolean) =>
    set(k, on ? [...d[k], method].filter((m, i, all) => all.indexOf(m) === i) : d[k].filter((m) => m !== method));

  const example = { noReceiptMax: typedAmount(50_000, view.currency, f.lang), manualDiscountLimit: typedPercent(12.5, f.lang), voucherOfflineCapMinor: typedAmount(50_000, view.currency, f.lang) };
  const message = (field: Field) => (forbidden.includes(field) ? s.invalid.forbidden : fill(s.invalid[field], { example: (example as Record<string, string>)[field] ?? '' }));
  const marked = (field: Field) => bad.includes(field) || forbidden.includes(field);
  const groupProps = (field: Field) => ({ 'aria-describedby': marked(field) ? `err-${field}` : undefined });
  const fieldProps = (field: Field) => ({ 'aria-invalid': marked(field) || undefined, ...groupProps(field) });
  const note = (field: Field) =>
    marked(field) && (
      <span className="field-error" id={`err-${field}`}>
        {message(field)}
      </span>
    );

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    setFailure(null);
    setForbidden([]);
    const noReceiptMax = parsePolicyAmount(d.noReceiptMax, view.currency);
    const limit = parseLimitPercent(d.manualDiscountLimit);
    const cap = parsePolicyAmount(d.voucherOfflineCapMinor, view.currency);
    const wrong: Field[] = [
      ...(d.paymentMethods.length === 0 ? (['paymentMethods'] as const) : []),
      ...(d.noReceiptMethods.length === 0 ? (['noReceiptMethods'] as const) : []),
      ...(noReceiptMax === null ? (['noReceiptMax'] as const) : []),
      ...(limit === null ? (['manualDiscountLimit'] as const) : []),
      ...(cap === null ? (['voucherOfflineCapMinor'] as const) : []),
    ];
    setBad(wrong);
    if (wrong.length > 0) return;
    setBusy(true);
    try {
      const saved = await api<StorePolicyView>('PUT', `/stores/${encodeURIComponent(view.storeId)}/policy`, {
        paymentMethods: PAYMENT_METHODS.filter((m) => d.paymentMethods.includes(m)),
        noReceiptReturns: { methods: NO_RECEIPT_METHODS.filter((m) => d.noReceiptMethods.includes(m)), maxMinor: noReceiptMax },
        manualDiscountLimit: limit,
        voucherOfflineCapMinor: cap,
      });
      setDone(saved.version === current.version ? s.unchanged : fill(s.saved, { version: saved.version }));
      setCurrent(saved);
      setD(draftOf(saved));
    } catch (err) {
      if (err instanceof ConsoleApiError && err.code === 'UNAUTHENTICATED') onSessionLost();
      const named = namedFields(err);
      if (named.length > 0 && err instanceof ConsoleApiError && err.code === 'FORBIDDEN') setForbidden(named);
      else if (named.length > 0) setBad(named);
      else setFailure(errorCode(err));
    } finally {
      setBusy(false);
    }
  };

  const managerOnly = !editable('noReceiptReturns');
  return (
    <form className="card policy-form" onSubmit={(e) => void save(e)} noValidate aria-label={s.heading}>
      <h2>
        {current.name} <span className="muted">({current.storeId})</span>
      </h2>
      <p className="muted">
        {fill(s.version, { version: current.version, when: f.dateTime(current.changedAt) })} {s.tillsNote}
      </p>
      {managerOnly && <p className="hint">{s.managerNote}</p>}
      {(bad.length > 0 || forbidden.length > 0) && (
        <p className="error" role="alert">
          {s.fixFields}
        </p>
      )}
      {failure && (
        <p className="error" role="alert">
          {f.s.errors[failure]}
        </p>
      )}
      {done && (
        <p className="ok-note" role="status">
          {done}
        </p>
      )}
      <div className="policy-grid">
        <fieldset disabled={!editable('paymentMethods')} {...groupProps('paymentMethods')}>
          <legend>{s.payment}</legend>
          {PAYMENT_METHODS.map((m) => (
            <label key={m} className="check">
              <input type="checkbox" checked={d.paymentMethods.includes(m)} onChange={(e) => toggle('paymentMethods', m, e.target.checked)} />
              {s.methods[m]}
            </label>
          ))}
          {note('paymentMethods')}
        </fieldset>
        <fieldset disabled={!editable('manualDiscountLimit')}>
          <legend>{s.discountLegend}</legend>
          <label>
            {s.discountLimit}
            <input type="text" inputMode="decimal" name="manualDiscountLimit" value={d.manualDiscountLimit} onChange={(e) => set('manualDiscountLimit', e.target.value)} {...fieldProps('manualDiscountLimit')} />
          </label>
          {note('manualDiscountLimit')}
        </fieldset>
        <fieldset disabled={!editable('noReceiptReturns')}>
          <legend>{s.noReceipt}</legend>
          <div className="checks" role="group" aria-label={s.noReceiptMethods} {...groupProps('noReceiptMethods')}>
            <span className="group-label">{s.noReceiptMethods}</span>
            {NO_RECEIPT_METHODS.map((m) => (
              <label key={m} className="check">
                <input type="checkbox" checked={d.noReceiptMethods.includes(m)} onChange={(e) => toggle('noReceiptMethods', m, e.target.checked)} />
                {s.methods[m]}
              </label>
            ))}
          </div>
          {note('noReceiptMethods')}
          <label>
            {fill(s.noReceiptMax, { currency: view.currency })}
            <input type="text" inputMode="decimal" name="noReceiptMax" value={d.noReceiptMax} onChange={(e) => set('noReceiptMax', e.target.value)} {...fieldProps('noReceiptMax')} />
          </label>
          {note('noReceiptMax')}
        </fieldset>
        <fieldset disabled={!editable('voucherOfflineCapMinor')}>
          <legend>{s.voucherLegend}</legend>
          <label>
            {fill(s.voucherCap, { currency: view.currency })}
            <input type="text" inputMode="decimal" name="voucherOfflineCapMinor" value={d.voucherOfflineCapMinor} onChange={(e) => set('voucherOfflineCapMinor', e.target.value)} {...fieldProps('voucherOfflineCapMinor')} />
          </label>
          <span className="hint muted">{s.voucherCapHint}</span>
          {note('voucherOfflineCapMinor')}
        </fieldset>
      </div>
      <button type="submit" className="primary" disabled={busy}>
        {busy ? s.saving : s.save}
      </button>
    </form>
  );
}
