import { localName, type LocalNames } from '../../../../core/promo/names.js';
import { useMemo, useState, type FormEvent } from 'react';
import { addDays } from '../../../../core/analytics/rollup.js';
import { fill, type ConsoleFormat } from '../../../../core/console/format.js';
import type { Me } from '../api.js';
import { useFormat } from '../format.js';
import { DateInput } from '../DateInput.js';
import { useLoad } from '../customers/useCustomers.js';
import { TableHead } from '../TableHead.js';
import { Pending } from '../Pending.js';
import { BarChart, type Series } from './Chart.js';
import './analytics.css';

/** What central answers for the analytics reports (central/src/analytics). */
interface Scope {
  from: string;
  to: string;
  timeZone: string;
  stores: string[] | null;
  currency: string;
}
interface Answer<T> {
  scope: Scope;
  report: T;
}
interface Money {
  sales: number;
  revenueMinor: number;
  averageBasketMinor: number | null;
}
interface Counts extends Money {
  touches: number;
  reach: number;
  codesIssued: number | null;
  redemptions: number;
  discountMinor: number;
}
type ChannelRow = Counts & { channel: string; onlineOrders: number };
interface CampaignChannelRow {
  channel: string;
  redemptions: number;
  discountMinor: number;
  sales: number;
  revenueMinor: number;
}
interface CampaignCollectedRow {
  storeId: string;
  store: string;
  orders: number;
  discountMinor: number;
  revenueMinor: number;
}
type CampaignRow = Counts & { campaignId: string; name: string; names: LocalNames | null; channel: string; byChannel: CampaignChannelRow[]; collected: CampaignCollectedRow[] };
interface PathGroup {
  key: string;
  customers: number;
  converted: number;
  conversion: number | null;
  medianDays: number | null;
}
interface PathReport {
  windowDays: number;
  total: PathGroup;
  byChannel: PathGroup[];
  byCampaign: (PathGroup & { name: string })[];
  byStore: { key: string; name: string; converted: number; medianDays: number | null }[];
  byDay: { day: string; customers: number; converted: number }[];
}
interface DailyReport {
  days: ({ day: string; touches: number; redemptions: number; onlineOrders: number } & Money)[];
  stores: ({ storeId: string; name: string; redemptions: number; onlineOrders: number } & Money)[];
}

type Report = 'channels' | 'campaigns' | 'path' | 'daily';

const channelName = (f: ConsoleFormat, key: string) => (f.s.ui.channels as Record<string, string>)[key] ?? key;
const orDash = (f: ConsoleFormat, v: number | null, show: (n: number) => string) => (v === null ? f.s.ui.analytics.dash : show(v));
const percent = (f: ConsoleFormat, v: number | null) => orDash(f, v, (n) => f.percent(Math.round(n * 1000) / 10));

function CsvLink({ report, search }: { report: Report; search: string }) {
  const f = useFormat();
  const a = f.s.ui.analytics;
  return (
    <a className="csv" href={`/console/api/analytics/export/${report}${search}`} download data-report={report}>
      {fill(a.csv, { report: a.reports[report] })}
    </a>
  );
}

function Section({ id, title, report, search, children }: { id: string; title: string; report: Report; search: string; children: React.ReactNode }) {
  return (
    <section className="card report" aria-labelledby={id} data-report={report}>
      <div className="report-head">
        <h2 id={id}>{title}</h2>
        <CsvLink report={report} search={search} />
      </div>
      {children}
    </section>
  );
}

/** The figures of a channel or campaign row; a channel's also the online orders among its sales. */
function countCells(f: ConsoleFormat, r: Counts & { onlineOrders?: number }, currency: string) {
  const money = (n: number) => f.money(n, currency);
  return (
    <>
      <td className="num">{f.number(r.touches)}</td>
      <td className="num">{f.number(r.reach)}</td>
      <td className="num">{orDash(f, r.codesIssued, f.number)}</td>
      <td className="num">{f.number(r.redemptions)}</td>
      <td className="num">{money(r.discountMinor)}</td>
      <td className="num">{f.number(r.sales)}</td>
      {r.onlineOrders !== undefined && <td className="num">{f.number(r.onlineOrders)}</td>}
      <td className="num">{money(r.revenueMinor)}</td>
      <td className="num">{orDash(f, r.averageBasketMinor, money)}</td>
    </>
  );
}

function countColumns(f: ConsoleFormat, withOrders = false) {
  const c = f.s.ui.analytics.columns;
  return [c.touches, c.reach, c.codesIssued, c.redemptions, c.discount, c.sales, ...(withOrders ? [c.onlineOrders] : []), c.revenue, c.basket].map((label) => ({ label, num: true }));
}

function Channels({ answer, search }: { answer: Answer<ChannelRow[]>; search: string }) {
  const f = useFormat();
  const a = f.s.ui.analytics;
  const rows = answer.report;
  const chart = useMemo(
    () => ({
      labels: rows.map((r) => channelName(f, r.channel)),
      series: [
        { label: a.columns.reach, values: rows.map((r) => r.reach) },
        { label: a.columns.sales, values: rows.map((r) => r.sales) },
        { label: `${a.columns.revenue}, ${answer.scope.currency}`, values: rows.map((r) => r.revenueMinor / 100), right: true, line: true },
      ] satisfies Series[],
    }),
    [f, a, rows, answer.scope.currency],
  );
  return (
    <Section id="report-channels" title={a.channels.heading} report="channels" search={search}>
      {rows.length === 0 ? (
        <p className="muted">{a.none}</p>
      ) : (
        <>
          <BarChart title={a.channels.chart} labels={chart.labels} series={chart.series} />
          <div className="table-wrap" tabIndex={0} role="region" aria-label={fill(a.table, { report: a.channels.heading })}>
            <table className="report-table">
              <TableHead columns={[a.columns.channel, ...countColumns(f, true)]} />
              <tbody>
                {rows.map((r) => (
                  <tr key={r.channel} data-channel={r.channel}>
                    <th scope="row">{channelName(f, r.channel)}</th>
                    {countCells(f, r, answer.scope.currency)}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted hint">{a.channels.salesHint}</p>
        </>
      )}
    </Section>
  );
}

function Campaigns({ answer, search }: { answer: Answer<CampaignRow[]>; search: string }) {
  const f = useFormat();
  const a = f.s.ui.analytics;
  // Each campaign by its name in the UI language where it has one, as the campaigns pages show it.
  const rows = useMemo(() => answer.report.map((r) => ({ ...r, name: localName(r, f.lang) })), [answer.report, f.lang]);
  const chart = useMemo(
    () => ({
      labels: rows.map((r) => r.name),
      series: [
        { label: a.columns.codesIssued, values: rows.map((r) => r.codesIssued ?? 0) },
        { label: a.columns.redemptions, values: rows.map((r) => r.redemptions) },
      ] satisfies Series[],
    }),
    [a, rows],
  );
  return (
    <Section id="report-campaigns" title={a.campaigns.heading} report="campaigns" search={search}>
      {rows.length === 0 ? (
        <p className="muted">{a.campaigns.none}</p>
      ) : (
        <>
          <BarChart title={a.campaigns.chart} labels={chart.labels} series={chart.series} />
          <div className="table-wrap" tabIndex={0} role="region" aria-label={fill(a.table, { report: a.campaigns.heading })}>
            <table className="report-table">
              <TableHead columns={[a.columns.campaign, a.columns.channel, ...countColumns(f)]} />
              <tbody>
                {rows.map((r) => (
                  <tr key={r.campaignId} data-campaign={r.campaignId}>
                    <th scope="row">{r.name}</th>
                    <td>{channelName(f, r.channel)}</td>
                    {countCells(f, r, answer.scope.currency)}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <CampaignChannels rows={rows} currency={answer.scope.currency} />
          <CampaignCollected rows={rows} currency={answer.scope.currency} />
        </>
      )}
    </Section>
  );
}

/** Each campaign's redemptions and the revenue that redeemed them, per sales channel (the tills', the web shop's, the app's). */
function CampaignChannels({ rows, currency }: { rows: CampaignRow[]; currency: string }) {
  const f = useFormat();
  const a = f.s.ui.analytics;
  const channels = [...new Set(rows.flatMap((r) => r.byChannel.map((c) => c.channel)))];
  return (
    <>
      <h3>{a.campaigns.byChannel}</h3>
      <div className="table-wrap" tabIndex={0} role="region" aria-label={a.campaigns.byChannel}>
        <table className="report-table" data-table="campaign-channels">
          <TableHead columns={[a.columns.campaign, ...channels.map((ch) => ({ label: channelName(f, ch), num: true }))]} />
          <tbody>
            {rows.map((r) => (
              <tr key={r.campaignId} data-campaign={r.campaignId}>
                <th scope="row">{r.name}</th>
                {channels.map((ch) => {
                  const c = r.byChannel.find((x) => x.channel === ch);
                  return (
                    <td key={ch} className="num cell-stack" data-channel={ch}>
                      {c && (c.redemptions !== 0 || c.revenueMinor !== 0) ? (
                        <>
                          {f.plural(a.campaigns.redeemed, c.redemptions)}
                          <br />
                          <span className="muted">{f.money(c.revenueMinor, currency)}</span>
                        </>
                      ) : (
                        a.dash
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted hint">{a.campaigns.byChannelHint}</p>
    </>
  );
}

/**
 * Each campaign's click-and-collect orders collected in a store, by that store (a store manager's
 * own stores only): online orders, so the channel figures above never show them in a store.
 */
function CampaignCollected({ rows, currency }: { rows: CampaignRow[]; currency: string }) {
  const f = useFormat();
  const a = f.s.ui.analytics;
  const collected = rows.flatMap((r) => r.collected.map((c) => ({ ...c, campaignId: r.campaignId, name: r.name })));
  return (
    <>
      <h3>{a.campaigns.collected}</h3>
      {collected.length === 0 ? (
        <p className="muted">{a.campaigns.collectedNone}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={a.campaigns.collected}>
          <table className="report-table" data-table="campaign-collected">
            <TableHead
              columns={[a.columns.campaign, a.columns.store, { label: a.campaigns.collectedOrders, num: true }, { label: a.columns.discount, num: true }, { label: a.columns.revenue, num: true }]}
            />
            <tbody>
              {collected.map((c) => (
                <tr key={`${c.campaignId}/${c.storeId}`} data-campaign={c.campaignId} data-store={c.storeId}>
                  <th scope="row">{c.name}</th>
                  <td>{c.store}</td>
                  <td className="num">{f.number(c.orders)}</td>
                  <td className="num">{f.money(c.discountMinor, currency)}</td>
                  <td className="num">{f.money(c.revenueMinor, currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted hint">{a.campaigns.collectedHint}</p>
    </>
  );
}

function PathTable({ title, keyLabel, groups, label }: { title: string; keyLabel: string; groups: (PathGroup & { name?: string })[]; label: (g: PathGroup & { name?: string }) => string }) {
  const f = useFormat();
  const c = f.s.ui.analytics.columns;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={title}>
      <table className="report-table">
        <TableHead columns={[keyLabel, { label: c.customers, num: true }, { label: c.converted, num: true }, { label: c.conversion, num: true }, { label: c.median, num: true }]} />
        <tbody>
          {groups.map((g) => (
            <tr key={g.key} data-key={g.key}>
              <th scope="row">{label(g)}</th>
              <td className="num">{f.number(g.customers)}</td>
              <td className="num">{f.number(g.converted)}</td>
              <td className="num">{percent(f, g.conversion)}</td>
              <td className="num">{orDash(f, g.medianDays, f.number)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Path({ answer, search }: { answer: Answer<PathReport>; search: string }) {
  const f = useFormat();
  const a = f.s.ui.analytics;
  const p = answer.report;
  const charts = useMemo(
    () => ({
      channels: {
        labels: p.byChannel.map((g) => channelName(f, g.key)),
        series: [{ label: a.columns.conversion, values: p.byChannel.map((g) => g.conversion ?? 0), percent: true }] satisfies Series[],
      },
      days: {
        labels: p.byDay.map((d) => f.day(d.day)),
        series: [
          { label: a.columns.customers, values: p.byDay.map((d) => d.customers) },
          { label: a.columns.converted, values: p.byDay.map((d) => d.converted) },
        ] satisfies Series[],
      },
    }),
    [f, a, p],
  );
  return (
    <Section id="report-path" title={a.path.heading} report="path" search={search}>
      <p className="muted">{f.plural(a.path.intro, p.windowDays)}</p>
      <p className="muted hint">{a.path.collectHint}</p>
      {p.total.customers === 0 ? (
        <p className="muted">{a.none}</p>
      ) : (
        <>
          <dl className="figures">
            <div>
              <dt>{a.columns.customers}</dt>
              <dd>{f.number(p.total.customers)}</dd>
            </div>
            <div>
              <dt>{a.columns.converted}</dt>
              <dd>{f.number(p.total.converted)}</dd>
            </div>
            <div>
              <dt>{a.columns.conversion}</dt>
              <dd>{percent(f, p.total.conversion)}</dd>
            </div>
            <div>
              <dt>{a.columns.median}</dt>
              <dd>{orDash(f, p.total.medianDays, f.number)}</dd>
            </div>
          </dl>
          <div className="report-grid">
            <div>
              <h3>{a.path.byChannel}</h3>
              <BarChart title={a.path.chart} labels={charts.channels.labels} series={charts.channels.series} />
              <PathTable title={a.path.byChannel} keyLabel={a.columns.channel} groups={p.byChannel} label={(g) => channelName(f, g.key)} />
            </div>
            <div>
              <h3>{a.path.byCampaign}</h3>
              {p.byCampaign.length === 0 ? <p className="muted">{a.campaigns.none}</p> : <PathTable title={a.path.byCampaign} keyLabel={a.columns.campaign} groups={p.byCampaign} label={(g) => g.name ?? g.key} />}
              <h3>{a.path.byStore}</h3>
              {p.byStore.length === 0 ? (
                <p className="muted">{a.none}</p>
              ) : (
                <div className="table-wrap" tabIndex={0} role="region" aria-label={a.path.byStore}>
                  <table className="report-table">
                    <TableHead columns={[a.columns.store, { label: a.columns.converted, num: true }, { label: a.columns.median, num: true }]} />
                    <tbody>
                      {p.byStore.map((g) => (
                        <tr key={g.key} data-store-id={g.key}>
                          <th scope="row">{g.name}</th>
                          <td className="num">{f.number(g.converted)}</td>
                          <td className="num">{orDash(f, g.medianDays, f.number)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </div>
          </div>
          <BarChart title={a.path.dayChart} labels={charts.days.labels} series={charts.days.series} />
        </>
      )}
    </Section>
  );
}

function Daily({ answer, search }: { answer: Answer<DailyReport>; search: string }) {
  const f = useFormat();
  const a = f.s.ui.analytics;
  const d = answer.report;
  const currency = answer.scope.currency;
  const chart = useMemo(
    () => ({
      labels: d.days.map((x) => f.day(x.day)),
      series: [
        { label: a.columns.sales, values: d.days.map((x) => x.sales) },
        { label: a.columns.redemptions, values: d.days.map((x) => x.redemptions) },
        { label: `${a.columns.revenue}, ${currency}`, values: d.days.map((x) => x.revenueMinor / 100), right: true, line: true },
      ] satisfies Series[],
    }),
    [f, a, d, currency],
  );
  const money = (n: number) => f.money(n, currency);
  return (
    <Section id="report-daily" title={a.daily.heading} report="daily" search={search}>
      <BarChart title={a.daily.chart} labels={chart.labels} series={chart.series} />
      <h3>{a.daily.byStore}</h3>
      <div className="table-wrap" tabIndex={0} role="region" aria-label={a.daily.byStore}>
        <table className="report-table">
          <TableHead columns={[a.columns.store, ...[a.columns.redemptions, a.columns.sales, a.columns.onlineOrders, a.columns.revenue, a.columns.basket].map((label) => ({ label, num: true }))]} />
          <tbody>
            {d.stores.map((s) => (
              <tr key={s.storeId} data-store-id={s.storeId}>
                <th scope="row">{s.name}</th>
                <td className="num">{f.number(s.redemptions)}</td>
                <td className="num">{f.number(s.sales)}</td>
                <td className="num">{f.number(s.onlineOrders)}</td>
                <td className="num">{money(s.revenueMinor)}</td>
                <td className="num">{orDash(f, s.averageBasketMinor, money)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}

interface Filters {
  from: string;
  to: string;
  storeId: string;
  currency: string;
  windowDays: string;
}

function Filters({ me, initial, onApply }: { me: Me; initial: Filters; onApply: (f: Filters) => void }) {
  const f = useFormat();
  const a = f.s.ui.analytics;
  const [value, setValue] = useState(initial);
  const set = (key: keyof Filters) => (e: { target: { value: string } }) => setValue({ ...value, [key]: e.target.value });
  const currencies = [...new Set(me.stores.map((s) => s.currency))];
  const [badDate, setBadDate] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const dates = [value.from, value.to].every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d));
    setBadDate(!dates);
    if (dates) onApply(value);
  };
  return (
    <form className="card filters" onSubmit={submit} aria-label={a.filters}>
      <label>
        {a.from}
        <DateInput value={value.from} onChange={(v) => setValue({ ...value, from: v })} required />
      </label>
      <label>
        {a.to}
        <DateInput value={value.to} onChange={(v) => setValue({ ...value, to: v })} required />
      </label>
      <label>
        {a.store}
        <select value={value.storeId} onChange={set('storeId')}>
          <option value="">{a.allStores}</option>
          {me.stores.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      {currencies.length > 1 && (
        <label>
          {a.currency}
          <select value={value.currency} onChange={set('currency')}>
            {currencies.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        {a.windowDays}
        <input type="number" min={1} max={365} value={value.windowDays} onChange={set('windowDays')} required />
      </label>
      <button type="submit" className="primary">
        {a.apply}
      </button>
      {badDate && (
        <p className="error" role="alert">
          {a.badDate}
        </p>
      )}
    </form>
  );
}

/** The analytics page: filters in the address (so a view can be shared and reloaded), four reports, each with a chart, its table and CSV. */
export function AnalyticsPage({ search, me, navigate, onSessionLost }: { search: string; me: Me; navigate: (to: string) => void; onSessionLost: () => void }) {
  const f = useFormat();
  const a = f.s.ui.analytics;
  const params = new URLSearchParams(search);
  const channels = useLoad<Answer<ChannelRow[]>>(`/analytics/channels${search}`, onSessionLost);
  const campaigns = useLoad<Answer<CampaignRow[]>>(`/analytics/campaigns${search}`, onSessionLost);
  const path = useLoad<Answer<PathReport>>(`/analytics/path${search}`, onSessionLost);
  const daily = useLoad<Answer<DailyReport>>(`/analytics/daily${search}`, onSessionLost);
  // Until central answers with the chain's today, the browser's UTC date.
  const to = params.get('to') ?? (channels.state === 'done' ? channels.value.scope.to : new Date().toISOString().slice(0, 10));
  const initial: Filters = {
    from: params.get('from') ?? addDays(to, -29),
    to,
    storeId: params.get('storeId') ?? '',
    currency: params.get('currency') ?? me.stores[0]?.currency ?? '',
    windowDays: params.get('windowDays') ?? '30',
  };
  const apply = (v: Filters) => {
    const next = new URLSearchParams(Object.entries(v).filter(([, x]) => x !== ''));
    navigate(`/console/analytics?${next.toString()}`);
  };
  const loads = [channels, campaigns, path, daily];
  const failed = loads.find((l) => l.state === 'failed');
  return (
    <main className="page analytics">
      <h1>{a.heading}</h1>
      <Filters key={initial.to} me={me} initial={initial} onApply={apply} />
      {me.user.role === 'store_manager' && <p className="muted">{a.scopeNote}</p>}
      {failed ? (
        <Pending loaded={failed} />
      ) : channels.state !== 'done' || campaigns.state !== 'done' || path.state !== 'done' || daily.state !== 'done' ? (
        <Pending loaded={{ state: 'loading' }} />
      ) : (
        <>
          <Channels answer={channels.value} search={search} />
          <Campaigns answer={campaigns.value} search={search} />
          <Path answer={path.value} search={search} />
          <Daily answer={daily.value} search={search} />
          <p className="muted hint">{a.reachNote}</p>
          <p className="muted hint">{fill(a.daysNote, { zone: channels.value.scope.timeZone })}</p>
        </>
      )}
    </main>
  );
}
