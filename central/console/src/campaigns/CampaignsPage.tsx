import { useState } from 'react';
import { fill, type ConsoleFormat } from '../../../../core/console/format.js';
import { dealInWords, validDays } from './describe.js';
import { useFormat } from '../format.js';
import { useLoad } from '../customers/useCustomers.js';
import { TableHead } from '../TableHead.js';
import { Pending } from '../Pending.js';
import type { Campaign, Count } from './types.js';
import { CampaignForm } from './CampaignForm.js';
import { Conflicts } from './Conflicts.js';
import './campaigns.css';
import { localName } from '../../../../core/promo/names.js';

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
  // Bumped after a resolution so the campaigns load again with the new counters.
  const [round, setRound] = useState(0);
  const campaigns = useLoad<{ campaigns: Campaign[]; timeZone: string; currencies: string[] }>(`/campaigns?r=${round}`, onSessionLost);
  const segments = useLoad<{ segments: { id: string; name: string }[] }>(creating ? '/segments' : null, onSessionLost);
  const go = (to: string) => (e: React.MouseEvent) => {
    e.preventDefault();
    navigate(to);
  };
  const channelName = (key: string) => (f.s.ui.channels as Record<string, string>)[key] ?? key;

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
          currencies={campaigns.value.currencies}
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
                        <a href={`/console/campaigns/c/${encodeURIComponent(c.id)}`} onClick={go(`/console/campaigns/c/${encodeURIComponent(c.id)}`)}>{localName(c, f.lang)}</a>
                        <br />
                        <span className="chip">{channelName(c.channel)}</span>
                      </th>
                      <td>{dealInWords(f, c)}</td>
                      <td>{fill(s.validRange, validDays(f, c))}</td>
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
      <Conflicts onResolved={() => setRound((r) => r + 1)} onSessionLost={onSessionLost} />
    </main>
  );
}
