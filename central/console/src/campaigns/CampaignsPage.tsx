import { useState } from 'react';
import { fill, type ConsoleFormat } from '../../../../core/console/format.js';
import { api, ConsoleApiError, errorCode } from '../api.js';
import { useFormat } from '../format.js';
import { useLoad } from '../customers/useCustomers.js';
import type { ConsoleErrorCode } from '../../../../core/console/i18n.js';
import { TableHead } from '../TableHead.js';
import { Pending } from '../Pending.js';
import type { Campaign, Count } from './types.js';
import { CampaignForm } from './CampaignForm.js';
import './campaigns.css';

interface Conflict {
  id: string;
  code: string;
  campaign: string;
  store: string;
  till: string;
  reason: string;
  discountMinor: number;
  currency: string | null;
  redeemedAt: string;
}

function discount(f: ConsoleFormat, c: Campaign): string {
  return c.discountKind === 'percent' ? `${f.number(c.discountValue)} %` : f.money(c.discountValue, c.currency ?? 'EUR');
}

function counts(f: ConsoleFormat, list: Count[], label: (c: Count) => string) {
  if (list.length === 0) return <span className="muted">{f.s.ui.campaigns.nothingYet}</span>;
  return (
    <ul className="plain">
      {list.map((c) => (
        <li key={c.key}>
          {label(c)}: <strong>{f.number(c.redeemed)}</strong>
        </li>
      ))}
    </ul>
  );
}

export function CampaignsPage({ creating, navigate, onSessionLost }: { creating: boolean; navigate: (to: string) => void; onSessionLost: () => void }) {
  const f = useFormat();
  const s = f.s.ui.campaigns;
  // Bumped after a resolution so both lists load again with the new counters.
  const [round, setRound] = useState(0);
  const campaigns = useLoad<{ campaigns: Campaign[]; timeZone: string }>(`/campaigns?r=${round}`, onSessionLost);
  const segments = useLoad<{ segments: { id: string; name: string }[] }>(creating ? '/segments' : null, onSessionLost);
  const go = (to: string) => (e: React.MouseEvent) => {
    e.preventDefault();
    navigate(to);
  };
  const conflicts = useLoad<{ conflicts: Conflict[] }>(`/redemption-conflicts?open=true&r=${round}`, onSessionLost);
  const [actionError, setActionError] = useState<ConsoleErrorCode | null>(null);

  const resolve = async (id: string, resolution: 'discount_honoured' | 'discount_recovered') => {
    setActionError(null);
    try {
      await api('POST', `/redemption-conflicts/${encodeURIComponent(id)}/resolve`, { resolution });
      setRound((r) => r + 1);
    } catch (e) {
      if (e instanceof ConsoleApiError && e.code === 'UNAUTHENTICATED') onSessionLost();
      setActionError(errorCode(e));
    }
  };

  const channelName = (key: string) => (f.s.ui.channels as Record<string, string>)[key] ?? key;
  const reasonName = (key: string) => (s.reasons as Record<string, string>)[key] ?? key;

  return (
    <main className="page">
      <nav className="tabs" aria-label={s.heading}>
        <a href="/console/campaigns" aria-current="page">{s.segs.campaignsTab}</a>
        <a href="/console/campaigns/segments" onClick={go('/console/campaigns/segments')}>{s.segs.tab}</a>
      </nav>
      <h1>{s.heading}</h1>
      {creating && campaigns.state === 'done' ? (
        <CampaignForm
          campaign={null}
          zone={campaigns.value.timeZone}
          segments={segments.state === 'done' ? segments.value.segments : []}
          onSaved={(id) => navigate(`/console/campaigns/c/${encodeURIComponent(id)}`)}
          onCancel={() => navigate('/console/campaigns')}
          onSessionLost={onSessionLost}
        />
      ) : (
        <p>
          <a className="button-link" href="/console/campaigns/new" onClick={go('/console/campaigns/new')}>{s.form.new}</a>
        </p>
      )}
      <Pending loaded={campaigns} />
      {campaigns.state === 'done' &&
        (campaigns.value.campaigns.length === 0 ? (
          <p className="muted">{s.none}</p>
        ) : (
          <section className="card">
            <div className="table-wrap">
              <table className="campaigns">
                <TableHead columns={[s.campaign, s.discount, s.valid, s.offline, { label: s.issued, num: true }, { label: s.redeemed, num: true }, s.byChannel, s.byStore]} />
                <tbody>
                  {campaigns.value.campaigns.map((c) => (
                    <tr key={c.id} data-campaign-id={c.id}>
                      <th scope="row">
                        <a href={`/console/campaigns/c/${encodeURIComponent(c.id)}`} onClick={go(`/console/campaigns/c/${encodeURIComponent(c.id)}`)}>{c.name}</a>
                        <br />
                        <span className="chip">{channelName(c.channel)}</span>
                      </th>
                      <td>{discount(f, c)}</td>
                      <td>{fill(s.validRange, { from: f.date(c.startsAt), to: f.date(c.endsAt) })}</td>
                      <td>{c.offlineAllowed ? f.plural(s.offlineCap, c.offlineCapPerTill) : s.offlineNo}</td>
                      <td className="num">{f.number(c.issued)}</td>
                      <td className="num redeemed">{f.number(c.redeemed)}</td>
                      <td>{counts(f, c.byChannel, (x) => channelName(x.key))}</td>
                      <td>{counts(f, c.byStore, (x) => x.name ?? x.key)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        ))}
      <section className="card" aria-labelledby="h-conflicts">
        <h2 id="h-conflicts">{s.conflicts}</h2>
        <p className="muted">{s.conflictsHint}</p>
        {actionError && (
          <p className="error" role="alert">
            {f.s.errors[actionError]}
          </p>
        )}
        <Pending loaded={conflicts} />
        {conflicts.state === 'done' &&
          (conflicts.value.conflicts.length === 0 ? (
            <p className="ok-note" role="status">
              {s.noConflicts}
            </p>
          ) : (
            <div className="table-wrap">
              <table className="conflicts">
                <TableHead columns={[s.when, s.campaign, s.code, s.where, s.reason, { label: s.amount, num: true }, { label: s.decision, hidden: true }]} />
                <tbody>
                  {conflicts.value.conflicts.map((k) => (
                    <tr key={k.id} data-conflict-id={k.id}>
                      <td>{f.dateTime(k.redeemedAt)}</td>
                      <td>{k.campaign}</td>
                      <td className="code">{k.code}</td>
                      <td>
                        {k.store}, {k.till}
                      </td>
                      <td>{reasonName(k.reason)}</td>
                      <td className="num">{k.currency ? f.money(k.discountMinor, k.currency) : f.number(k.discountMinor)}</td>
                      <td className="actions">
                        <button type="button" className="secondary" onClick={() => void resolve(k.id, 'discount_honoured')}>
                          {s.honour}
                        </button>
                        <button type="button" className="secondary" onClick={() => void resolve(k.id, 'discount_recovered')}>
                          {s.recover}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
      </section>
    </main>
  );
}
