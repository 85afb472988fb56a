import { fill, type ConsoleFormat } from '../../../../core/console/format.js';
import { useFormat } from '../format.js';
import { useLoad, type Names, type Profile, type TimelineEntry } from './useCustomers.js';
import { TableHead } from '../TableHead.js';
import { Pending } from '../Pending.js';

function productName(f: ConsoleFormat, names: Names, sku: string | null): string {
  return names ? names[f.lang] || names.en : (sku ?? '');
}

function channelName(f: ConsoleFormat, channel: string): string {
  return (f.s.ui.channels as Record<string, string>)[channel] ?? channel;
}

function kindName(f: ConsoleFormat, kind: string): string {
  const known = (f.s.ui.kinds as Record<string, string>)[kind];
  return known && kind !== 'other' ? known : fill(f.s.ui.kinds.other, { kind });
}

function TimelineItem({ entry }: { entry: TimelineEntry }) {
  const f = useFormat();
  const details = [
    entry.product || entry.sku ? productName(f, entry.product, entry.sku) : null,
    entry.campaign,
    entry.code,
    entry.store ? (entry.till ? fill(f.s.ui.profile.atStore, { store: entry.store, till: entry.till }) : entry.store) : null,
    entry.amountMinor !== null && entry.currency ? f.money(entry.amountMinor, entry.currency) : null,
  ].filter((d): d is string => !!d);
  return (
    <li className={`tl tl-${entry.channel}`} data-kind={entry.kind}>
      <time dateTime={entry.at}>{f.dateTime(entry.at)}</time>
      <span className="chip">{channelName(f, entry.channel)}</span>
      <span className="tl-what">{kindName(f, entry.kind)}</span>
      {details.length > 0 && <span className="tl-detail">{details.join(' · ')}</span>}
    </li>
  );
}

export function CustomerProfile({ id, navigate, onSessionLost }: { id: string; navigate: (to: string) => void; onSessionLost: () => void }) {
  const f = useFormat();
  const { s } = f;
  const p = s.ui.profile;
  const loaded = useLoad<Profile>(`/customers/${encodeURIComponent(id)}`, onSessionLost);
  const back = (
    <a
      href="/console/customers"
      className="back"
      onClick={(e) => {
        e.preventDefault();
        if (history.length > 1) history.back();
        else navigate('/console/customers');
      }}
    >
      ← {p.back}
    </a>
  );
  if (loaded.state !== 'done') {
    return (
      <main className="page">
        {back}
        <Pending loaded={loaded} />
      </main>
    );
  }
  const v = loaded.value;
  const c = v.customer;
  return (
    <main className="page profile">
      {back}
      <h1>{c.name || s.ui.customers.noName}</h1>
      <p className="muted audited">{p.audited}</p>
      <div className="profile-grid">
        <div className="profile-side">
          <section className="card" aria-labelledby="h-contact">
            <h2 id="h-contact">{p.contact}</h2>
            <ul className="plain">
              {c.phones.map((phone) => (
                <li key={phone} className="phone">
                  {phone}
                </li>
              ))}
              {c.email && <li>{c.email}</li>}
              <li className="muted">{fill(p.since, { date: f.date(c.createdAt) })}</li>
            </ul>
          </section>
          <section className="card" aria-labelledby="h-segments">
            <h2 id="h-segments">{p.segments}</h2>
            {c.segments.length === 0 ? (
              <p className="muted">{p.noSegments}</p>
            ) : (
              <ul className="chips">
                {c.segments.map((seg) => (
                  <li key={seg} className="chip">
                    {seg}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="card" aria-labelledby="h-consents">
            <h2 id="h-consents">{p.consents}</h2>
            {v.consents.length === 0 ? (
              <p className="muted">{p.noConsents}</p>
            ) : (
              <ul className="plain consents">
                {v.consents.map((k) => (
                  <li key={k.channel}>
                    <strong>{channelName(f, k.channel)}</strong>: <span className={k.granted ? 'ok' : 'bad'}>{k.granted ? p.granted : p.withdrawn}</span>{' '}
                    <span className="muted">{fill(p.consentSource, { date: f.date(k.changedAt), source: k.source })}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="card" aria-labelledby="h-carts">
            <h2 id="h-carts">{p.carts}</h2>
            {v.carts.length === 0 && <p className="muted">{p.noCarts}</p>}
            {v.carts.map((cart) => (
              <div key={cart.channel} className="cart">
                <h3>{channelName(f, cart.channel)}</h3>
                <table>
                  <TableHead columns={[p.product, { label: p.quantity, num: true }, { label: p.priceSeen, num: true }, p.added]} />
                  <tbody>
                    {cart.lines.map((l) => (
                      <tr key={l.sku}>
                        <td>{productName(f, l.product, l.sku)}</td>
                        <td className="num">{f.number(l.quantity)}</td>
                        <td className="num">{f.money(l.priceSeenMinor, l.currency)}</td>
                        <td>{f.date(l.addedAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ))}
          </section>
          <section className="card" aria-labelledby="h-favourites">
            <h2 id="h-favourites">{p.favourites}</h2>
            {v.favourites.length === 0 ? (
              <p className="muted">{p.noFavourites}</p>
            ) : (
              <ul className="plain">
                {v.favourites.map((fav) => (
                  <li key={fav.sku}>
                    {productName(f, fav.product, fav.sku)} <span className="muted">· {channelName(f, fav.channel)} · {f.date(fav.addedAt)}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
        <div className="profile-main">
          <section className="card" aria-labelledby="h-store">
            <h2 id="h-store">{p.storePurchases}</h2>
            {v.storePurchases.length === 0 ? (
              <p className="muted">{p.noPurchases}</p>
            ) : (
              <table className="purchases">
                <TableHead columns={[p.date, p.store, p.till, { label: p.receipt, num: true }, { label: p.total, num: true }]} />
                <tbody>
                  {v.storePurchases.map((sale) => (
                    <tr key={sale.saleId} data-sale-id={sale.saleId}>
                      <td>{f.dateTime(sale.completedAt)}</td>
                      <td>{sale.store}</td>
                      <td>{sale.till}</td>
                      <td className="num">№ {sale.receiptNo}</td>
                      <td className="num">
                        {f.money(sale.totalMinor, sale.currency)} <span className="muted">· {f.plural(p.items, sale.lines)}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section className="card" aria-labelledby="h-online">
            <h2 id="h-online">{p.onlinePurchases}</h2>
            {v.onlinePurchases.length === 0 ? (
              <p className="muted">{p.noPurchases}</p>
            ) : (
              <ul className="plain">
                {v.onlinePurchases.map((o, i) => (
                  <li key={`${o.at}-${i}`} data-order-ref={o.orderRef ?? undefined}>
                    {[
                      f.dateTime(o.at),
                      channelName(f, o.channel),
                      o.orderRef ? fill(p.orderRef, { ref: o.orderRef }) : null,
                      o.campaign,
                      o.totalMinor !== null && o.currency ? f.money(o.totalMinor, o.currency) : null,
                      o.items !== null ? f.plural(p.items, o.items) : null,
                      o.store ? fill(p.collectIn, { store: o.store }) : null,
                    ]
                      .filter((d): d is string => !!d)
                      .join(' · ')}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="card" aria-labelledby="h-timeline">
            <h2 id="h-timeline">{p.timeline}</h2>
            {v.timeline.length === 0 ? (
              <p className="muted">{p.timelineEmpty}</p>
            ) : (
              <ol className="timeline">
                {v.timeline.map((e, i) => (
                  <TimelineItem key={`${e.at}-${e.kind}-${i}`} entry={e} />
                ))}
              </ol>
            )}
            {v.timeline.length >= v.timelineLimit && <p className="muted">{fill(p.timelineCapped, { count: f.number(v.timelineLimit) })}</p>}
          </section>
        </div>
      </div>
    </main>
  );
}
