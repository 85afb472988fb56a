import { memo, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SaleLineView } from '../../../core/sale/contract.js';
import { useTill } from '../shell/context.js';
import { LineDiscount } from '../promo/PromoPanel.js';

interface LinesTableProps {
  readonly lines: readonly SaleLineView[];
  /** The line the last change touched: highlighted and scrolled into view. */
  readonly touched: string | null;
  readonly editable: boolean;
  readonly onQuantity: (lineId: string, quantity: number) => void;
  readonly onVoid: (lineId: string) => void;
  /** A line's price and manual discount (the adjust feature's dialogs, see App). */
  readonly onPrice?: (lineId: string) => void;
  readonly onDiscount?: (lineId: string) => void;
}

const MAX_UNITS = 9999;

export function LinesTable({ lines, touched, editable, onQuantity, onVoid, onPrice, onDiscount }: LinesTableProps) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);

  // The line just scanned stays in view: after the change, and whenever the list's box shrinks
  // under it (an error or printer banner appearing above, the window resized).
  useEffect(() => {
    const box = scroller.current;
    if (!touched || !box) return;
    const reveal = () => box.querySelector(`tr[data-line-id="${CSS.escape(touched)}"]`)?.scrollIntoView({ block: 'nearest' });
    reveal();
    const watch = new ResizeObserver(reveal);
    watch.observe(box);
    return () => watch.disconnect();
  }, [touched, lines]);

  return (
    <div className="lines-scroll" ref={scroller}>
      <table className="lines">
        <caption className="visually-hidden">{t('ui.lines.caption')}</caption>
        <thead>
          <tr>
            <th scope="col" className="col-pos">
              {t('ui.lines.position')}
            </th>
            <th scope="col" className="col-name">
              {t('ui.lines.name')}
            </th>
            <th scope="col" className="col-qty">
              {t('ui.lines.quantity')}
            </th>
            <th scope="col" className="col-money">
              {t('ui.lines.unitPrice')}
            </th>
            <th scope="col" className="col-money">
              {t('ui.lines.total')}
            </th>
            <th scope="col" className="col-act">
              <span className="visually-hidden">{t('ui.lines.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <LineRow
              key={line.id}
              line={line}
              fresh={line.id === touched}
              editable={editable}
              onQuantity={onQuantity}
              onVoid={onVoid}
              onPrice={onPrice}
              onDiscount={onDiscount}
            />
          ))}
        </tbody>
      </table>
      {lines.length === 0 && <p className="lines-empty">{t('ui.lines.empty')}</p>}
    </div>
  );
}

interface LineRowProps {
  readonly line: SaleLineView;
  readonly fresh: boolean;
  readonly editable: boolean;
  readonly onQuantity: (lineId: string, quantity: number) => void;
  readonly onVoid: (lineId: string) => void;
  readonly onPrice?: (lineId: string) => void;
  readonly onDiscount?: (lineId: string) => void;
}

function sameRow(a: LineRowProps, b: LineRowProps): boolean {
  const x = a.line;
  const y = b.line;
  return (
    a.fresh === b.fresh &&
    a.editable === b.editable &&
    a.onQuantity === b.onQuantity &&
    a.onVoid === b.onVoid &&
    a.onPrice === b.onPrice &&
    a.onDiscount === b.onDiscount &&
    x.override?.originalUnitPrice === y.override?.originalUnitPrice &&
    x.manual?.amount === y.manual?.amount &&
    x.id === y.id &&
    x.position === y.position &&
    x.quantity === y.quantity &&
    x.lineTotal === y.lineTotal &&
    x.discount === y.discount &&
    x.unitPrice === y.unitPrice &&
    x.voided === y.voided &&
    x.names.en === y.names.en &&
    x.names.ru === y.names.ru &&
    x.names.ro === y.names.ro
  );
}

/** One line; re-renders only when this line changed, so a scan into a long sale stays cheap. */
const LineRow = memo(function LineRow({ line, fresh, editable, onQuantity, onVoid, onPrice, onDiscount }: LineRowProps) {
  const { t } = useTranslation();
  const { lang, f } = useTill();
  const name = line.names[lang];
  const weighed = line.qtyKind === 'weight';
  const classes = ['line', line.voided ? 'voided' : '', fresh ? 'fresh' : ''].filter(Boolean).join(' ');
  const price = weighed ? t('ui.lines.perKg', { price: f.money(line.unitPrice) }) : f.money(line.unitPrice);
  return (
    <tr className={classes} data-line-id={line.id} aria-current={fresh ? 'true' : undefined}>
      <td className="col-pos">{line.position}</td>
      <td className="col-name">
        <span className="line-name">{name}</span>
        {line.voided && <span className="badge badge-void">{t('ui.lines.voided')}</span>}
      </td>
      <td className="col-qty">
        {weighed ? (
          <span className="qty-kg">{t('ui.lines.kg', { value: f.kg(line.quantity) })}</span>
        ) : editable && !line.voided ? (
          <QuantityControl line={line} name={name} onQuantity={onQuantity} />
        ) : (
          <span className="qty-units">{f.units(line.quantity)}</span>
        )}
      </td>
      <td className="col-money">
        {editable && !line.voided && onPrice && line.fixedTotal === null ? (
          <button type="button" className="btn-link line-price" onClick={() => onPrice(line.id)}>
            {price}
            <span className="visually-hidden"> {t('ui.adjust.priceOf', { name })}</span>
          </button>
        ) : (
          price
        )}
        {line.override && !line.voided && <span className="line-was">{t('ui.adjust.was', { price: f.money(line.override.originalUnitPrice) })}</span>}
      </td>
      <td className="col-money line-total">
        {f.money(line.lineTotal)}
        <LineDiscount amount={line.voided ? 0 : line.discount} />
      </td>
      <td className="col-act">
        {editable && !line.voided && onDiscount && (
          <button type="button" className="btn btn-void btn-discount" title={t('ui.adjust.discount')} onClick={() => onDiscount(line.id)}>
            %<span className="visually-hidden"> {t('ui.adjust.discount')}, {t('ui.a11y.voidWhich', { position: line.position, name })}</span>
          </button>
        )}
        {editable && !line.voided && (
          <button
            type="button"
            className="btn btn-void"
            onClick={() => onVoid(line.id)}
          >
            {t('ui.lines.void')}
            {/* Which line, for screen readers, after the visible word (so voice control finds it by it). */}
            <span className="visually-hidden"> {t('ui.a11y.voidWhich', { position: line.position, name })}</span>
          </button>
        )}
      </td>
    </tr>
  );
}, sameRow);

function QuantityControl({ line, name, onQuantity }: { line: SaleLineView; name: string; onQuantity: (id: string, q: number) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(String(line.quantity));
  // A new quantity from the backend replaces whatever the field held (adjusting state during
  // render, as React recommends, rather than in an effect).
  const [shown, setShown] = useState(line.quantity);
  if (shown !== line.quantity) {
    setShown(line.quantity);
    setDraft(String(line.quantity));
  }

  const commit = () => {
    // Typed as text (no spin buttons); "2,5" reads as 2.5 for the backend to refuse as not whole.
    const value = /^\s*\d+(?:[.,]\d+)?\s*$/.test(draft) ? Number(draft.trim().replace(',', '.')) : Number.NaN;
    if (draft.trim() === '' || value === line.quantity) {
      setDraft(String(line.quantity));
      return;
    }
    // Out-of-range or fractional values go to the backend, which answers with a clear coded
    // error. The field shows the line's real quantity until the answer changes it, so a
    // refused value never stays on screen as if it were in the sale.
    setDraft(String(line.quantity));
    onQuantity(line.id, value);
  };

  return (
    <div className="qty">
      <button
        type="button"
        className="btn btn-step"
        aria-label={t('ui.lines.decrease', { name })}
        disabled={line.quantity <= 1}
        onClick={() => onQuantity(line.id, line.quantity - 1)}
      >
        −
      </button>
      <input
        type="text"
        className="qty-input"
        inputMode="numeric"
        autoComplete="off"
        aria-label={t('ui.lines.quantityOf', { name })}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onFocus={(e) => e.target.select()}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          } else if (e.key === 'Escape') {
            setDraft(String(line.quantity));
          }
        }}
      />
      <button
        type="button"
        className="btn btn-step"
        aria-label={t('ui.lines.increase', { name })}
        disabled={line.quantity >= MAX_UNITS}
        onClick={() => onQuantity(line.id, line.quantity + 1)}
      >
        +
      </button>
    </div>
  );
}
