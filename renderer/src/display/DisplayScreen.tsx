import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { DisplayLine, DisplayMessage, DisplaySale } from '../../../core/display/message.js';
import { formatters, type Formatters } from '../shell/format.js';

function Quantity({ line, f }: { line: DisplayLine; f: Formatters }) {
  const { t } = useTranslation();
  if (line.qtyKind === 'weight') return <>{t('ui.lines.kg', { value: f.kg(line.quantity) })}</>;
  return line.quantity === 1 ? null : <>{t('ui.display.quantity', { quantity: f.units(line.quantity) })}</>;
}

function Lines({ sale, f }: { sale: DisplaySale; f: Formatters }) {
  const lang = sale.language;
  const { t } = useTranslation();
  const end = useRef<HTMLLIElement>(null);
  // The newest line stays in view, as on the cashier's screen.
  useEffect(() => {
    // A block: Chromium's scrollIntoView returns a promise, which an effect must not return.
    end.current?.scrollIntoView({ block: 'end' });
  }, [sale.lines.length]);
  if (sale.lines.length === 0) return <p className="cd-empty">{t('ui.display.empty')}</p>;
  return (
    <ol className="cd-lines" aria-label={t('ui.display.title')}>
      {sale.lines.map((line, i) => (
        <li key={i} className="cd-line" ref={i === sale.lines.length - 1 ? end : undefined}>
          <div className="cd-row">
            <span className="cd-name">{line.names[lang]}</span>
            <span className="cd-qty">
              <Quantity line={line} f={f} />
            </span>
            <span className="cd-amount">{f.money(line.amount)}</span>
          </div>
          {line.discounts.map((d, j) => (
            <div key={j} className="cd-row cd-discount">
              <span className="cd-name">{d.name}</span>
              <span className="cd-amount">−{f.money(d.amount)}</span>
            </div>
          ))}
        </li>
      ))}
    </ol>
  );
}

function Totals({ sale, f }: { sale: DisplaySale; f: Formatters }) {
  const { t } = useTranslation();
  return (
    <dl className="cd-totals">
      {sale.saved > 0 && (
        <>
          <div className="cd-row">
            <dt>{t('ui.display.subtotal')}</dt>
            <dd>{f.money(sale.subtotal)}</dd>
          </div>
          <div className="cd-row cd-saved">
            <dt>{t('ui.display.saved')}</dt>
            <dd>−{f.money(sale.saved)}</dd>
          </div>
        </>
      )}
      <div className="cd-row cd-total">
        <dt>{t('ui.display.total')}</dt>
        <dd data-testid="display-total">{f.money(sale.total)}</dd>
      </div>
      {sale.payment && (
        <>
          <div className="cd-row">
            <dt>{t('ui.display.paid')}</dt>
            <dd>{f.money(sale.payment.paid)}</dd>
          </div>
          <div className="cd-row cd-change">
            <dt>{t('ui.display.change')}</dt>
            <dd>{f.money(sale.payment.change)}</dd>
          </div>
        </>
      )}
    </dl>
  );
}

function Sale({ sale }: { sale: DisplaySale }) {
  const { t, i18n } = useTranslation();
  const f = useMemo(() => formatters(sale.language, sale.currency), [sale.language, sale.currency]);
  return (
    <main className="cd-sale" lang={i18n.language}>
      <h1 className="cd-heading">{sale.greeting ? t('ui.display.hello', { name: sale.greeting }) : t('ui.display.title')}</h1>
      <Lines sale={sale} f={f} />
      <Totals sale={sale} f={f} />
      {sale.payment && <p className="cd-thanks">{t('ui.display.thanks')}</p>}
    </main>
  );
}

/** What the customer sees: the welcome between sales, the sale as it is rung up, then what she paid. */
export function DisplayScreen({ message, connected }: { message: DisplayMessage | null; connected: boolean }) {
  const { t } = useTranslation();
  if (message?.kind === 'sale') return <Sale sale={message} />;
  return (
    <main className="cd-idle">
      <h1>{t('ui.display.welcome')}</h1>
      {message && <p className="cd-store">{message.store}</p>}
      <p className="cd-hint">{connected ? t('ui.display.idleHint') : t('ui.display.waiting')}</p>
    </main>
  );
}
