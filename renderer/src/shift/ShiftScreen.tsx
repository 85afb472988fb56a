import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TillApi } from '../../../core/rpc/contract.js';
import { DENOMINATIONS, type Counts } from '../../../core/shift/denominations.js';
import type { ShiftReport } from '../../../core/shift/report.js';
import type { Run } from '../shell/actions.js';
import { useTill } from '../shell/context.js';
import { useShift } from './useShift.js';
import './shift.css';

/** Pieces per coin and note of the store's currency, largest first, with the running total. */
function DrawerCount({ submitLabel, onSubmit }: { submitLabel: string; onSubmit: (counts: Counts) => void }) {
  const { t } = useTranslation();
  const { info, f } = useTill();
  const [pieces, setPieces] = useState<Record<string, string>>({});
  const denominations = [...DENOMINATIONS[info.currency]].reverse();
  const counts: Record<string, number> = {};
  for (const d of denominations) {
    const n = Number(pieces[String(d)] ?? '');
    if (Number.isInteger(n) && n > 0) counts[String(d)] = n;
  }
  const total = Object.entries(counts).reduce((s, [d, n]) => s + Number(d) * n, 0);
  return (
    <form
      className="shift-count"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(counts);
      }}
    >
      <div className="shift-count-grid">
        {denominations.map((d) => (
          <label key={d} className="shift-count-row">
            <span>{f.money(d)}</span>
            <input
              className="input shift-count-input"
              inputMode="numeric"
              aria-label={`${t('ui.shift.pieces')} ${f.money(d)}`}
              value={pieces[String(d)] ?? ''}
              onChange={(e) => setPieces((p) => ({ ...p, [String(d)]: e.target.value.replace(/\D/g, '').slice(0, 6) }))}
            />
          </label>
        ))}
      </div>
      <p className="shift-count-total">
        {t('ui.shift.total')}: <strong data-testid="count-total">{f.money(total)}</strong>
      </p>
      <button type="submit" className="btn btn-primary">
        {submitLabel}
      </button>
    </form>
  );
}

function ReportView({ report }: { report: ShiftReport }) {
  const { t } = useTranslation();
  const { f } = useTill();
  const row = (label: string, value: string, key = label) => (
    <tr key={key}>
      <th scope="row">{label}</th>
      <td>{value}</td>
    </tr>
  );
  return (
    <section className="shift-report" aria-label={report.kind === 'Z' ? t('ui.shift.report_Z', { no: report.zNo }) : t('ui.shift.report_X')}>
      <h2>{report.kind === 'Z' ? t('ui.shift.report_Z', { no: report.zNo }) : t('ui.shift.report_X')}</h2>
      <p className="shift-muted">
        {f.dateTime(report.openedAt)} – {f.dateTime(report.at)} · {report.by}
      </p>
      <table className="shift-table">
        <tbody>
          {row(t('ui.shift.float'), f.money(report.float))}
          {row(t('ui.shift.sales'), `${f.units(report.sales.count)} · ${f.money(report.sales.gross)}`)}
          {row(t('ui.shift.returns'), `${f.units(report.returns.count)} · ${f.money(report.returns.gross)}`)}
          {row(t('ui.shift.storeCreditIssued'), f.money(report.storeCredit.issued))}
          {row(t('ui.shift.storeCreditTaken'), f.money(report.storeCredit.taken))}
          {row(t('ui.shift.discounts'), f.money(report.discounts))}
          {row(t('ui.shift.noSales'), f.units(report.noSales))}
          {report.noSalesBeforeShift > 0 && row(t('ui.shift.noSalesBeforeShift'), f.units(report.noSalesBeforeShift))}
          {report.payments.map((p) => row(t(`ui.shift.method_${p.method}`, { defaultValue: p.method }), f.money(p.amount), `pay-${p.method}`))}
          {report.vat.map((v) => row(`${t('ui.shift.vat')} ${v.basisPoints / 100} %`, `${f.money(v.net)} + ${f.money(v.vat)} = ${f.money(v.gross)}`, `vat-${v.basisPoints}`))}
          {row(t('ui.shift.cashIn'), f.money(report.cashIn))}
          {row(t('ui.shift.cashOut'), f.money(report.cashOut))}
          {row(t('ui.shift.expected'), f.money(report.expectedCash))}
          {report.countedCash !== null && row(t('ui.shift.counted'), f.money(report.countedCash))}
          {report.difference !== null && row(t('ui.shift.difference'), f.money(report.difference))}
          {report.interrupted.count > 0 && row(`${t('ui.shift.interrupted')} (${f.units(report.interrupted.count)})`, f.money(report.interrupted.amount))}
          {report.interrupted.open > 0 && row(t('ui.shift.interruptedOpen'), f.units(report.interrupted.open))}
        </tbody>
      </table>
    </section>
  );
}

function CashMove({ onSubmit }: { onSubmit: (kind: 'in' | 'out', amountMinor: number, reason: string) => Promise<boolean> }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<'in' | 'out'>('in');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const minor = Math.round(Number(amount.replace(',', '.')) * 100);
  return (
    <form
      className="shift-cash"
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit(kind, Number.isFinite(minor) ? minor : 0, reason).then((done) => {
          if (!done) return;
          setAmount('');
          setReason('');
        });
      }}
    >
      <div className="shift-cash-kind" role="group">
        <button type="button" className={`btn btn-secondary${kind === 'in' ? ' is-chosen' : ''}`} aria-pressed={kind === 'in'} onClick={() => setKind('in')}>
          {t('ui.shift.cashIn')}
        </button>
        <button type="button" className={`btn btn-secondary${kind === 'out' ? ' is-chosen' : ''}`} aria-pressed={kind === 'out'} onClick={() => setKind('out')}>
          {t('ui.shift.cashOut')}
        </button>
      </div>
      <label className="shift-field">
        {t('ui.shift.amount')}
        <input className="input" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value.replace(/[^\d.,]/g, '').slice(0, 12))} />
      </label>
      <label className="shift-field">
        {t('ui.shift.reason')}
        <input className="input" value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} />
      </label>
      <button type="submit" className="btn btn-primary">
        {t('ui.shift.record')}
      </button>
    </form>
  );
}

/** The shift: open it with the float, cash in and out, X report, Z close with the drawer counted. */
export function ShiftScreen({ api, run, onBack }: { api: TillApi; run: Run; onBack: () => void }) {
  const { t } = useTranslation();
  const { f } = useTill();
  const s = useShift(api, run);
  const [closing, setClosing] = useState(false);
  return (
    <main className="shift">
      <header className="shift-head">
        <h1>{t('ui.shift.title')}</h1>
        <button type="button" className="btn btn-secondary" onClick={onBack}>
          {t('ui.shift.back')}
        </button>
      </header>
      <div className="shift-body">
        <section className="shift-main">
          {s.loaded && !s.shift && (
            <>
              <p className="shift-muted">{t('ui.shift.noShift')}</p>
              <h2>{t('ui.shift.openTitle')}</h2>
              <DrawerCount submitLabel={t('ui.shift.open')} onSubmit={(c) => void s.open(c)} />
            </>
          )}
          {s.shift && !closing && (
            <>
              <p className="shift-status">{t('ui.shift.openSince', { time: f.dateTime(s.shift.openedAt), name: s.shift.openedBy })}</p>
              <dl className="shift-facts">
                <div>
                  <dt>{t('ui.shift.float')}</dt>
                  <dd>{f.money(s.shift.float)}</dd>
                </div>
                <div>
                  <dt>{t('ui.shift.sales')}</dt>
                  <dd>{f.units(s.shift.salesCount)}</dd>
                </div>
                <div>
                  <dt>{t('ui.shift.expected')}</dt>
                  <dd data-testid="expected-cash">{f.money(s.shift.expectedCash)}</dd>
                </div>
              </dl>
              <CashMove onSubmit={s.cash} />
              <div className="shift-actions">
                <button type="button" className="btn btn-secondary" onClick={() => void s.x()}>
                  {t('ui.shift.x')}
                </button>
                <button type="button" className="btn btn-danger" onClick={() => setClosing(true)}>
                  {t('ui.shift.z')}
                </button>
              </div>
            </>
          )}
          {s.shift && closing && (
            <>
              <h2>{t('ui.shift.zTitle')}</h2>
              <DrawerCount
                submitLabel={t('ui.shift.confirmZ')}
                onSubmit={(c) =>
                  void s.close(c).then((done) => {
                    if (done) setClosing(false);
                  })
                }
              />
              <button type="button" className="btn btn-ghost shift-back" onClick={() => setClosing(false)}>
                {t('ui.shift.back')}
              </button>
            </>
          )}
        </section>
        {s.report && <ReportView report={s.report} />}
      </div>
    </main>
  );
}
