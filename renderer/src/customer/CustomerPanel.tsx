import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CartLineView, CustomerCandidate, CustomerProfile } from '../../../core/customer/contract.js';
import { purchaseHistory } from '../../../core/customer/history.js';
import { useTill } from '../shell/context.js';
import { CreateCustomer } from './CreateCustomer.js';
import { useReturnFocus } from '../shell/focus.js';
import { useCustomerFormat } from './format.js';
import type { Customer } from './useCustomer.js';
import './customer.css';

interface PanelProps {
  readonly customer: Customer;
  /** The customer on the open sale, if any. */
  readonly onSale: string | null;
}

/** The customer panel: the lookup field and what it found, in place of the sale's lines while open. */
export function CustomerPanel({ customer, onSale }: PanelProps) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const { found } = customer;
  useEffect(() => input.current?.focus(), []);
  // Closed (Esc, Close), focus goes back where it was, else to the customer button it replaced.
  useReturnFocus(() => document.querySelector<HTMLElement>('[data-testid="customer-bar"] button'));
  return (
    <section className="customer-panel" aria-labelledby="customer-title" data-testid="customer-panel">
      <div className="customer-head">
        <h2 id="customer-title">{t('ui.customer.title')}</h2>
        <button type="button" className="btn btn-secondary" onClick={() => customer.setOpen(false)}>
          {t('ui.customer.close')} <kbd aria-hidden="true">Esc</kbd>
        </button>
      </div>
      <form
        className="field-row customer-lookup"
        onSubmit={(e) => {
          e.preventDefault();
          if (customer.query.trim()) void customer.lookup(customer.query);
        }}
      >
        <div className="field grow">
          <label htmlFor="customer-query">{t('ui.customer.lookupLabel')}</label>
          <input
            id="customer-query"
            ref={input}
            className="input"
            autoComplete="off"
            spellCheck={false}
            inputMode="tel"
            maxLength={40}
            placeholder={t('ui.customer.lookupPlaceholder')}
            aria-invalid={found.kind === 'error'}
            aria-describedby={found.kind === 'error' ? 'customer-error' : undefined}
            value={customer.query}
            onChange={(e) => customer.setQuery(e.target.value)}
          />
        </div>
        <button type="submit" className="btn btn-primary" disabled={customer.busy}>
          {t('ui.customer.find')}
        </button>
      </form>
      <div className="customer-body" aria-live="polite">
        {found.kind === 'error' && (
          <p id="customer-error" className="field-error" role="alert">
            {found.message}
          </p>
        )}
        {found.kind === 'notFound' && <NotFound key={found.phone ?? ''} phone={found.phone} typed={customer.query} customer={customer} />}
        {found.kind === 'candidates' && <Candidates candidates={found.candidates} more={found.more} onChoose={(id) => void customer.choose(id)} />}
        {found.kind === 'customer' && <Profile profile={found.customer} customer={customer} onSale={onSale === found.customer.id} />}
      </div>
    </section>
  );
}

/** No one has the number: say so, and offer to create her with the number as typed. */
function NotFound({ phone, typed, customer }: { phone: string | null; typed: string; customer: Customer }) {
  const { t } = useTranslation();
  const [creating, setCreating] = useState(false);
  if (creating) return <CreateCustomer customer={customer} phone={phone ? typed : ''} onCancel={() => setCreating(false)} />;
  return (
    <div className="customer-not-found">
      <p className="customer-empty">{phone ? t('ui.customer.notFound') : t('ui.customer.notFoundDigits')}</p>
      <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
        {t('ui.customer.create')}
      </button>
    </div>
  );
}

function Candidates({ candidates, more, onChoose }: { candidates: readonly CustomerCandidate[]; more: boolean; onChoose: (id: string) => void }) {
  const { t } = useTranslation();
  const fmt = useCustomerFormat();
  return (
    <div className="customer-candidates">
      <p>{t('ui.customer.candidates')}</p>
      <ul>
        {candidates.map((c) => {
          const name = `${c.firstName} ${c.surnameInitial}`.trim();
          return (
            <li key={c.id}>
              <button type="button" className="result" onClick={() => onChoose(c.id)}>
                <span className="visually-hidden">{t('ui.a11y.choose')} </span>
                <span className="result-name">{name}</span>
                <span className="result-meta">{c.maskedPhone}</span>
                <span className="result-meta">{c.lastVisit ? t('ui.customer.lastVisit', { date: fmt.day(c.lastVisit) }) : t('ui.customer.never')}</span>
              </button>
            </li>
          );
        })}
      </ul>
      {more && <p className="customer-more">{t('ui.customer.typeMore')}</p>}
    </div>
  );
}

function Freshness({ profile }: { profile: CustomerProfile }) {
  const { t } = useTranslation();
  const fmt = useCustomerFormat();
  if (profile.source === 'central') return <span className="customer-fresh live">{t('ui.customer.live', { time: fmt.asOf(new Date().toISOString()) })}</span>;
  return (
    <span className="customer-fresh offline" data-testid="customer-offline">
      {profile.asOf ? t('ui.customer.offline', { time: fmt.asOf(profile.asOf) }) : t('ui.customer.neverSynced')}
    </span>
  );
}

function Profile({ profile, customer, onSale }: { profile: CustomerProfile; customer: Customer; onSale: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="customer-profile" data-customer-id={profile.id}>
      <div className="customer-who">
        <div>
          <h3 className="customer-name">{profile.name}</h3>
          <div className="customer-phone">
            <span data-testid="customer-phone">{customer.phone ?? profile.maskedPhone}</span>
            {customer.phone ? (
              <button type="button" className="btn btn-ghost btn-small" onClick={customer.hidePhone}>
                {t('ui.customer.hide')}
              </button>
            ) : (
              <button type="button" className="btn btn-ghost btn-small" aria-label={t('ui.customer.showPhone')} onClick={customer.reveal}>
                {t('ui.customer.show')}
              </button>
            )}
            <Freshness profile={profile} />
          </div>
        </div>
        {onSale ? (
          <div className="customer-attached">
            <span className="badge badge-ok">{t('ui.customer.attached')}</span>
            <button type="button" className="btn btn-secondary" onClick={() => customer.attach(null)}>
              {t('ui.customer.detach')}
            </button>
          </div>
        ) : (
          <button type="button" className="btn btn-primary" onClick={() => customer.attach(profile.id)}>
            {t('ui.customer.attach')}
          </button>
        )}
      </div>
      <dl className="customer-facts">
        <dt>{t('ui.customer.segments')}</dt>
        <dd>{profile.segments.length ? profile.segments.map((s) => <span key={s} className="badge">{s}</span>) : t('ui.customer.noSegments')}</dd>
        <dt>{t('ui.customer.consents')}</dt>
        <dd>
          {profile.consents.length
            ? profile.consents.map((c) => (
                <span key={c} className="badge">
                  {t(`ui.customer.consent_${c}`, { defaultValue: c })}
                </span>
              ))
            : t('ui.customer.noConsents')}
        </dd>
      </dl>
      {customer.note && (
        <p className="customer-note" role="status">
          {customer.note}
        </p>
      )}
      {profile.carts.length === 0 ? (
        <p className="customer-empty">{t('ui.customer.emptyCart')}</p>
      ) : (
        profile.carts.map((cart) => <Cart key={cart.channel} channel={cart.channel} lines={cart.lines} customer={customer} />)
      )}
      <Favourites profile={profile} onAdd={customer.addFavourite} />
      <History profile={profile} />
    </div>
  );
}

/** Her store sales and online orders, newest first, each with its channel and store; offline, what the cache holds and says so. */
function History({ profile }: { profile: CustomerProfile }) {
  const { t } = useTranslation();
  const fmt = useCustomerFormat();
  const history = purchaseHistory(profile);
  return (
    <>
      <h4>{t('ui.customer.purchases')}</h4>
      {profile.source === 'cache' && profile.asOf && (
        <p className="customer-fresh offline" data-testid="history-as-of">
          {t('ui.customer.historyAsOf', { time: fmt.asOf(profile.asOf) })}
        </p>
      )}
      {history.length === 0 ? (
        <p className="customer-empty">{t('ui.customer.noPurchases')}</p>
      ) : (
        <ul className="customer-purchases" data-testid="customer-history">
          {history.map((h) => (
            <li key={h.key} data-channel={h.channel}>
              <span>{fmt.day(h.at)}</span>
              <span>{t(`ui.customer.channel_${h.channel}`)}</span>
              <span>{h.store ?? t('ui.customer.delivered')}</span>
              <span>{h.receiptNo !== null ? t('ui.customer.receipt', { no: h.receiptNo }) : t('ui.customer.order', { ref: h.orderRef ?? '' })}</span>
              <span>{t('ui.customer.items', { count: h.items })}</span>
              <span className="num">{fmt.money(h.total, h.currency)}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function PriceNow({ line, currency }: { line: Pick<CartLineView, 'storePrice' | 'priceSeen' | 'currencySeen'>; currency: CustomerProfile['currency'] }) {
  const { t } = useTranslation();
  const fmt = useCustomerFormat();
  if (line.storePrice === null) return <span className="not-here">{t('ui.customer.notSoldHere')}</span>;
  const comparable = line.currencySeen === currency && line.storePrice !== line.priceSeen;
  return (
    <>
      <span className="num">{fmt.money(line.storePrice, currency)}</span>
      {comparable && (
        <span className={`badge ${line.storePrice < line.priceSeen ? 'badge-ok' : 'badge-warn'}`}>
          {line.storePrice < line.priceSeen ? t('ui.customer.cheaper') : t('ui.customer.dearer')}
        </span>
      )}
    </>
  );
}

function Cart({ channel, lines, customer }: { channel: 'web' | 'app'; lines: readonly CartLineView[]; customer: Customer }) {
  const { t } = useTranslation();
  const { lang } = useTill();
  const fmt = useCustomerFormat();
  const found = customer.found;
  const currency = found.kind === 'customer' ? found.customer.currency : lines[0]?.currencySeen ?? 'MDL';
  const title = t('ui.customer.cart', { channel: t(`ui.customer.channel_${channel}`) });
  return (
    <section className="customer-cart" aria-label={title} data-channel={channel}>
      <div className="customer-cart-head">
        <h4>{title}</h4>
        <button type="button" className="btn btn-primary" disabled={lines.every((l) => l.storePrice === null)} onClick={() => customer.moveCart(channel)}>
          {t('ui.customer.moveAll')}
        </button>
      </div>
      <table className="customer-lines">
        <thead>
          <tr>
            <th scope="col">{t('ui.customer.item')}</th>
            <th scope="col" className="num">
              {t('ui.customer.qty')}
            </th>
            <th scope="col" className="num">
              {t('ui.customer.seen')}
            </th>
            <th scope="col">{t('ui.customer.now')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('ui.customer.add')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.sku} data-sku={l.sku} className={l.storePrice === null ? 'unavailable' : undefined}>
              <td>{l.names[lang]}</td>
              <td className="num">{l.quantity}</td>
              <td className="num">{fmt.money(l.priceSeen, l.currencySeen)}</td>
              <td>
                <PriceNow line={l} currency={currency} />
              </td>
              <td>
                <button
                  type="button"
                  className="btn btn-secondary btn-small"
                  disabled={l.storePrice === null}
                  aria-label={t('ui.customer.moveLine', { name: l.names[lang] })}
                  onClick={() => customer.moveCart(channel, [l.sku])}
                >
                  {t('ui.customer.add')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Favourites({ profile, onAdd }: { profile: CustomerProfile; onAdd: (sku: string) => void }) {
  const { t } = useTranslation();
  const { lang } = useTill();
  const fmt = useCustomerFormat();
  return (
    <>
      <h4>{t('ui.customer.favourites')}</h4>
      {profile.favourites.length === 0 ? (
        <p className="customer-empty">{t('ui.customer.noFavourites')}</p>
      ) : (
        <ul className="customer-favourites">
          {profile.favourites.map((f) => (
            <li key={f.sku} data-sku={f.sku}>
              <span className="grow">{f.names[lang]}</span>
              <span>{f.storePrice === null ? <span className="not-here">{t('ui.customer.notSoldHere')}</span> : <span className="num">{fmt.money(f.storePrice, profile.currency)}</span>}</span>
              <button
                type="button"
                className="btn btn-secondary btn-small"
                disabled={f.storePrice === null}
                aria-label={t('ui.customer.moveLine', { name: f.names[lang] })}
                onClick={() => onAdd(f.sku)}
              >
                {t('ui.customer.add')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
