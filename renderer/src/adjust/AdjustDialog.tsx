import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import './adjust.css';
import { useTranslation } from 'react-i18next';
import type { ManualDiscountInput } from '../../../core/adjust/contract.js';
import { parseTypedAmount, parseTypedPercent } from '../../../core/adjust/typed.js';
import type { SaleLineView, SaleView } from '../../../core/sale/contract.js';
import { useTill } from '../shell/context.js';
import { useDialogFocus } from '../shell/focus.js';
import type { Adjust } from './useAdjust.js';

interface DialogProps {
  readonly adjust: Adjust;
  readonly sale: SaleView | null;
  /** The store's limit for a manual discount without a manager, in percent. */
  readonly limit: number;
  /** The till's alert region, shown inside the dialog while it is open (a refused value). */
  readonly alert: ReactNode;
  /** While the manager's approval dialog is over it: kept (with what was typed), not shown. */
  readonly hidden: boolean;
}

/** The open adjust dialog: a line's price, a discount, or "No sale"; nothing when none is open. */
export function AdjustDialog({ adjust, sale, limit, alert, hidden }: DialogProps) {
  const { target } = adjust;
  if (!target) return null;
  const line = target.kind !== 'noSale' && target.lineId !== null ? sale?.lines.find((l) => l.id === target.lineId && !l.voided) : undefined;
  let body: ReactNode = null;
  if (target.kind === 'price' && line) body = <PriceForm adjust={adjust} line={line} currency={sale?.currency ?? 'EUR'} />;
  else if (target.kind === 'discount' && sale && (target.lineId === null || line)) body = <DiscountForm adjust={adjust} sale={sale} line={line ?? null} limit={limit} />;
  else if (target.kind === 'noSale') body = <NoSaleForm adjust={adjust} />;
  if (!body) return null;
  return (
    <div className="approval-backdrop" hidden={hidden}>
      <Frame adjust={adjust} alert={alert}>
        {body}
      </Frame>
    </div>
  );
}

function Frame({ adjust, alert, children }: { adjust: Adjust; alert: ReactNode; children: ReactNode }) {
  const root = useRef<HTMLElement>(null);
  const { onKeyDown } = useDialogFocus(root, adjust.close);
  return (
    <section ref={root} className="approval adjust" role="dialog" aria-modal="true" aria-labelledby="adjust-title" onKeyDown={onKeyDown}>
      {children}
      {alert}
    </section>
  );
}

function Buttons({ adjust, submit, extra }: { adjust: Adjust; submit: string; extra?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="adjust-buttons">
      <button type="submit" className="btn btn-primary">
        {submit}
      </button>
      {extra}
      <button type="button" className="btn btn-secondary" onClick={adjust.close}>
        {t('ui.adjust.cancel')}
      </button>
    </div>
  );
}

function Field({ id, label, error, children }: { id: string; label: string; error?: string | null; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** A price, an amount or a percent as typed (read by core/adjust/typed.ts on submit), with its error under it. */
function TypedField(props: { id: string; label: string; error: string | null; placeholder: string; value: string; onType: (typed: string) => void }) {
  const { id, error } = props;
  return (
    <Field id={id} label={props.label} error={error}>
      <input
        id={id}
        className="input"
        inputMode="decimal"
        autoComplete="off"
        placeholder={props.placeholder}
        value={props.value}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => props.onType(e.target.value.slice(0, 16))}
      />
    </Field>
  );
}

function PriceForm({ adjust, line, currency }: { adjust: Adjust; line: SaleLineView; currency: SaleView['currency'] }) {
  const { t } = useTranslation();
  const { lang, f } = useTill();
  const [price, setPrice] = useState('');
  const [reason, setReason] = useState(line.override?.reason ?? '');
  const [error, setError] = useState<string | null>(null);
  const example = lang === 'en' ? '12.50' : '12,50';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const minor = parseTypedAmount(price, currency);
    if (minor === null) {
      setError(t('ui.adjust.priceTyped', { example }));
      return;
    }
    setError(null);
    void adjust.overridePrice(line.id, minor, reason);
  };
  return (
    <form className="adjust-form" onSubmit={submit} noValidate>
      <h2 id="adjust-title" className="signin-title">
        {t('ui.adjust.priceTitle')}
      </h2>
      <p className="signin-note">{line.names[lang]}</p>
      <p className="adjust-note">{t('ui.adjust.catalogue', { price: f.money(line.override?.originalUnitPrice ?? line.unitPrice) })}</p>
      <TypedField
        id="adjust-price"
        label={t('ui.adjust.newPrice')}
        error={error}
        placeholder={example}
        value={price}
        onType={(typed) => {
          setPrice(typed);
          setError(null);
        }}
      />
      <Field id="adjust-reason" label={t('ui.adjust.reason')}>
        <input id="adjust-reason" className="input" autoComplete="off" maxLength={100} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <Buttons adjust={adjust} submit={t('ui.adjust.apply')} />
    </form>
  );
}

function DiscountForm({ adjust, sale, line, limit }: { adjust: Adjust; sale: SaleView; line: SaleLineView | null; limit: number }) {
  const { t } = useTranslation();
  const { lang, f } = useTill();
  const given = line ? line.manual : sale.manual;
  const [kind, setKind] = useState<ManualDiscountInput['kind']>(given?.kind ?? 'percent');
  const [value, setValue] = useState('');
  const [reason, setReason] = useState(given?.reason ?? '');
  const [error, setError] = useState<string | null>(null);
  const example = lang === 'en' ? '5.00' : '5,00';
  const left = line ? line.lineTotal - line.discount : sale.totals.total;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = kind === 'percent' ? parseTypedPercent(value) : parseTypedAmount(value, sale.currency);
    if (parsed === null || parsed === 0) {
      setError(kind === 'percent' ? t('ui.adjust.percentTyped') : t('ui.adjust.amountTyped', { example }));
      return;
    }
    setError(null);
    void adjust.discount(line?.id ?? null, { kind, value: parsed }, reason);
  };
  return (
    <form className="adjust-form" onSubmit={submit} noValidate>
      <h2 id="adjust-title" className="signin-title">
        {line ? t('ui.adjust.lineTitle') : t('ui.adjust.saleTitle')}
      </h2>
      {line && <p className="signin-note">{line.names[lang]}</p>}
      <p className="adjust-note">
        {t('ui.adjust.left', { amount: f.money(left) })} · {t('ui.adjust.limit', { limit: new Intl.NumberFormat(lang).format(limit) })}
      </p>
      <fieldset className="adjust-kind">
        <legend>{t('ui.adjust.kind')}</legend>
        {(['percent', 'amount'] as const).map((k) => (
          <label key={k} className={`btn btn-secondary${kind === k ? ' is-chosen' : ''}`}>
            <input type="radio" name="adjust-kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
            {t(`ui.adjust.${k}`)}
          </label>
        ))}
      </fieldset>
      <TypedField
        id="adjust-value"
        label={kind === 'percent' ? `${t('ui.adjust.value')}, %` : t('ui.adjust.value')}
        error={error}
        placeholder={kind === 'percent' ? '10' : example}
        value={value}
        onType={(typed) => {
          setValue(typed);
          setError(null);
        }}
      />
      <Field id="adjust-reason" label={t('ui.adjust.reason')}>
        <input id="adjust-reason" className="input" autoComplete="off" maxLength={100} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <Buttons
        adjust={adjust}
        submit={t('ui.adjust.apply')}
        extra={
          given && (
            <button type="button" className="btn btn-secondary" onClick={() => void adjust.discount(line?.id ?? null, null, '')}>
              {t('ui.adjust.remove')}
            </button>
          )
        }
      />
    </form>
  );
}

function NoSaleForm({ adjust }: { adjust: Adjust }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void adjust.noSale(reason);
  };
  return (
    <form className="adjust-form" onSubmit={submit} noValidate>
      <h2 id="adjust-title" className="signin-title">
        {t('ui.adjust.noSaleTitle')}
      </h2>
      <Field id="adjust-reason" label={t('ui.adjust.noSaleReason')}>
        <input id="adjust-reason" className="input" autoComplete="off" maxLength={100} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <Buttons adjust={adjust} submit={t('ui.adjust.noSaleOpen')} />
    </form>
  );
}

/** Under the sale's actions: a discount on the whole sale, and "No sale" when no sale is open. */
export function AdjustActions({ adjust, sale }: { adjust: Adjust; sale: SaleView | null }) {
  const { t } = useTranslation();
  const { f } = useTill();
  const open = !!sale && sale.status === 'open';
  return (
    <section className="adjust-actions" aria-label={t('ui.adjust.discount')}>
      {open && sale.manual && (
        <p className="adjust-sale-discount" data-testid="sale-manual">
          <span>{t('ui.adjust.onSale', { reason: sale.manual.reason })}</span>
          <span>{f.money(-sale.manual.amount)}</span>
        </p>
      )}
      <button type="button" className="btn btn-secondary" disabled={!open || sale.totals.itemCount === 0} onClick={() => adjust.open({ kind: 'discount', lineId: null })}>
        {t('ui.adjust.saleDiscount')}
      </button>
      <button type="button" className="btn btn-secondary" disabled={open} onClick={() => adjust.open({ kind: 'noSale' })}>
        {t('ui.adjust.noSale')}
      </button>
      <p className="adjust-done" role="status">
        {adjust.notice ? t(adjust.notice.beforeShift ? 'ui.adjust.noSaleDoneNoShift' : 'ui.adjust.noSaleDone', { count: adjust.notice.count }) : ''}
      </p>
    </section>
  );
}
