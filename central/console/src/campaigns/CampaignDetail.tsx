import { useEffect, useState } from 'react';
import { fill } from '../../../../core/console/format.js';
import { api, ConsoleApiError, errorCode } from '../api.js';
import { useFormat } from '../format.js';
import { useLoad } from '../customers/useCustomers.js';
import type { ConsoleErrorCode } from '../../../../core/console/i18n.js';
import { Pending } from '../Pending.js';
import { CampaignForm } from './CampaignForm.js';
import { Conflicts } from './Conflicts.js';
import { dealInWords, termsInWords } from './describe.js';
import type { Campaign } from './types.js';
import { localName } from '../../../../core/promo/names.js';

const LIVE_MS = 5000;

/** One campaign: live counters (asked again every few seconds), issuing, downloads, signed offers, and its form. */
export function CampaignDetail({ id, navigate, onSessionLost }: { id: string; navigate: (to: string) => void; onSessionLost: () => void }) {
  const f = useFormat();
  const s = f.s.ui.campaigns;
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((t) => t + 1), LIVE_MS);
    return () => clearInterval(timer);
  }, []);
  const [round, setRound] = useState(0);
  const list = useLoad<{ campaigns: Campaign[]; timeZone: string; currencies: string[] }>(`/campaigns?live=${tick}-${round}`, onSessionLost);
  const segments = useLoad<{ segments: { id: string; name: string }[] }>('/segments', onSessionLost);
  const shared = useLoad<{ codes: { code: string }[] }>(`/campaigns/${encodeURIComponent(id)}/shared-codes?r=${round}`, onSessionLost);
  // The last good answer stays on screen while the next one loads, so the counters do not flicker.
  const [last, setLast] = useState<{ campaigns: Campaign[]; timeZone: string; currencies: string[] } | null>(null);
  if (list.state === 'done' && list.value !== last) setLast(list.value);
  const [editing, setEditing] = useState(false);
  const [count, setCount] = useState('100');
  const [code, setCode] = useState('');
  const [offers, setOffers] = useState('1');
  const [message, setMessage] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [tokens, setTokens] = useState<string[]>([]);
  // A note says what was just done in the language it was done in: another language drops it rather than mix two.
  const [saidIn, setSaidIn] = useState(f.lang);
  if (saidIn !== f.lang) {
    setSaidIn(f.lang);
    setMessage(null);
    setFailure(null);
  }

  const campaign = last?.campaigns.find((c) => c.id === id);
  if (!last) return <main className="page"><Pending loaded={list} /></main>;
  if (!campaign) return <main className="page"><p className="error" role="alert">{f.s.errors.NOT_FOUND}</p></main>;
  const base = `/campaigns/${encodeURIComponent(id)}`;

  const act = async (run: () => Promise<string>) => {
    setMessage(null);
    setFailure(null);
    try {
      setMessage(await run());
      setRound((r) => r + 1);
    } catch (e) {
      if (e instanceof ConsoleApiError && e.code === 'UNAUTHENTICATED') onSessionLost();
      setFailure(f.s.errors[errorCode(e) as ConsoleErrorCode]);
    }
  };
  const issue = (e: React.FormEvent) => {
    e.preventDefault();
    if (campaign.codeKind === 'shared') {
      if (!/^[A-Za-z0-9 -]{3,40}$/.test(code.trim())) return setFailure(s.detail.badCode);
      return void act(async () => f.plural(s.detail.issuedNow, (await api<{ issued: number }>('POST', `${base}/codes`, { code: code.trim() })).issued));
    }
    const n = /^\d+$/.test(count.trim()) ? Number(count) : 0;
    if (n < 1 || n > 100_000) return setFailure(s.detail.badCount);
    void act(async () => f.plural(s.detail.issuedNow, (await api<{ issued: number }>('POST', `${base}/codes`, { count: n })).issued));
  };
  const sign = (e: React.FormEvent) => {
    e.preventDefault();
    const n = /^\d+$/.test(offers.trim()) ? Number(offers) : 0;
    if (n < 1 || n > 1000) return setFailure(s.detail.badCount);
    void act(async () => {
      const r = await api<{ offers: { token: string }[] }>('POST', `${base}/signed-offers`, { count: n });
      setTokens(r.offers.map((o) => o.token));
      return f.plural(s.detail.signedDone, r.offers.length);
    });
  };
  const segmentName = (segmentId: string) => (segments.state === 'done' ? segments.value.segments.find((x) => x.id === segmentId)?.name : undefined) ?? segmentId;
  const channelName = (key: string) => (f.s.ui.channels as Record<string, string>)[key] ?? key;

  return (
    <main className="page">
      <p>
        <a href="/console/campaigns" onClick={(e) => { e.preventDefault(); navigate('/console/campaigns'); }}>
          ← {s.detail.back}
        </a>
      </p>
      <h1>{localName(campaign, f.lang)}</h1>
      <section className="card" aria-labelledby="h-deal">
        <h2 id="h-deal">{s.detail.terms.heading}</h2>
        <p className="deal">
          {s.discount}: <span data-deal>{dealInWords(f, campaign)}</span>
        </p>
        <ul className="terms" data-terms>
          {termsInWords(f, campaign, last.timeZone, segmentName).map((x) => (
            <li key={x}>{x}</li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="h-counters">
        <h2 id="h-counters">{s.detail.counters}</h2>
        <p className="muted">{s.detail.refreshed}</p>
        <dl className="counters">
          <div><dt>{s.issued}</dt><dd data-counter="issued">{f.number(campaign.issued)}</dd></div>
          <div><dt>{s.detail.reserved}</dt><dd data-counter="reserved">{f.number(campaign.reserved)}</dd></div>
          <div><dt>{s.redeemed}</dt><dd data-counter="redeemed">{f.number(campaign.redeemed)}</dd></div>
          <div>
            <dt>{s.byChannel}</dt>
            <dd>{campaign.byChannel.length === 0 ? s.nothingYet : campaign.byChannel.map((c) => `${channelName(c.key)}: ${f.number(c.redeemed)}`).join(', ')}</dd>
          </div>
          <div>
            <dt>{s.byStore}</dt>
            <dd data-counter="by-store">{campaign.byStore.length === 0 ? s.nothingYet : campaign.byStore.map((c) => `${c.name ?? c.key}: ${f.number(c.redeemed)}`).join(', ')}</dd>
          </div>
        </dl>
      </section>
      {message && <p className="ok-note" role="status">{message}</p>}
      {failure && <p className="error" role="alert">{failure}</p>}
      {!campaign.rules.automatic && (
        <section className="card" aria-labelledby="h-issue">
          <h2 id="h-issue">{s.detail.issue}</h2>
          <form className="inline-form" onSubmit={issue} noValidate>
            {campaign.codeKind === 'shared' ? (
              <label>
                {s.detail.sharedCode}
                <input type="text" value={code} onChange={(e) => setCode(e.target.value)} />
              </label>
            ) : (
              <label>
                {s.detail.count}
                <input type="text" inputMode="numeric" value={count} onChange={(e) => setCount(e.target.value)} />
              </label>
            )}
            <button type="submit" className="primary">{s.detail.issueButton}</button>
          </form>
          <p>
            <a href={`/console/api${base}/codes.csv`} download>{s.detail.csv}</a>
          </p>
          {campaign.codeKind === 'shared' && shared.state === 'done' && (
            shared.value.codes.length === 0 ? <p className="muted">{s.detail.noShared}</p> : (
              <ul className="plain qr-list">
                {shared.value.codes.map((k) => (
                  <li key={k.code}>
                    <img src={`/console/api${base}/codes/${encodeURIComponent(k.code)}/qr.svg`} alt={fill(s.detail.qr, { code: k.code })} width={128} height={128} />
                    <span className="code">{k.code}</span>{' '}
                    <a href={`/console/api${base}/codes/${encodeURIComponent(k.code)}/qr.png`} download>{s.detail.png}</a>{' '}
                    <a href={`/console/api${base}/codes/${encodeURIComponent(k.code)}/qr.svg`} download>{s.detail.svg}</a>
                  </li>
                ))}
              </ul>
            )
          )}
        </section>
      )}
      {campaign.rules.signedOffers && (
        <section className="card" aria-labelledby="h-signed">
          <h2 id="h-signed">{s.detail.signed}</h2>
          <p className="muted">{s.detail.signedHint}</p>
          <form className="inline-form" onSubmit={sign} noValidate>
            <label>
              {s.detail.signedCount}
              <input type="text" inputMode="numeric" value={offers} onChange={(e) => setOffers(e.target.value)} />
            </label>
            <button type="submit" className="primary">{s.detail.signedButton}</button>
          </form>
          {tokens.length > 0 && <textarea className="tokens" readOnly value={tokens.join('\n')} aria-label={s.detail.signed} rows={Math.min(6, tokens.length)} />}
        </section>
      )}
      <Conflicts campaignId={id} onResolved={() => setRound((r) => r + 1)} onSessionLost={onSessionLost} />
      {editing ? (
        <CampaignForm
          campaign={campaign}
          zone={last.timeZone}
          currencies={last.currencies}
          segments={segments.state === 'done' ? segments.value.segments : []}
          onSaved={() => { setEditing(false); setRound((r) => r + 1); setMessage(s.form.saved); }}
          onCancel={() => setEditing(false)}
          onSessionLost={onSessionLost}
        />
      ) : (
        <button type="button" className="secondary" onClick={() => setEditing(true)}>{s.form.edit}</button>
      )}
    </main>
  );
}
