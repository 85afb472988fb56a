import { useState } from 'react';
import { fill } from '../../../../core/console/format.js';
import type { ConsoleErrorCode } from '../../../../core/console/i18n.js';
import { api, ConsoleApiError, errorCode } from '../api.js';
import { useFormat } from '../format.js';
import { useLoad } from '../customers/useCustomers.js';
import { TableHead } from '../TableHead.js';
import { Pending } from '../Pending.js';
import { localName } from '../../../../core/promo/names.js';
import type { CampaignNames } from '../../../../core/sync/pull.js';

interface Conflict {
  id: string;
  code: string;
  campaign: string;
  campaignNames: CampaignNames | null;
  store: string;
  till: string;
  reason: string;
  discountMinor: number;
  currency: string | null;
  redeemedAt: string;
  resolvedAt: string | null;
  resolution: 'discount_honoured' | 'discount_recovered' | null;
  note: string | null;
  resolvedBy: string | null;
}

const NOTE_MAX = 500;

/**
 * Redemption conflicts to review: the open ones of the whole chain (no campaign given), or every
 * conflict of one campaign with the decisions already taken. Each is resolved with a note.
 */
export function Conflicts({ campaignId, onResolved, onSessionLost }: { campaignId?: string; onResolved: () => void; onSessionLost: () => void }) {
  const f = useFormat();
  const s = f.s.ui.campaigns;
  const [round, setRound] = useState(0);
  const query = campaignId ? `open=false&campaignId=${encodeURIComponent(campaignId)}` : 'open=true';
  const conflicts = useLoad<{ conflicts: Conflict[] }>(`/redemption-conflicts?${query}&r=${round}`, onSessionLost);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<{ id: string; text: string } | null>(null);

  const resolve = async (id: string, resolution: 'discount_honoured' | 'discount_recovered') => {
    const note = (notes[id] ?? '').trim();
    if (note.length === 0 || note.length > NOTE_MAX) return setFailure({ id, text: s.noteNeeded });
    setFailure(null);
    try {
      await api('POST', `/redemption-conflicts/${encodeURIComponent(id)}/resolve`, { resolution, note });
      setRound((r) => r + 1);
      onResolved();
    } catch (e) {
      if (e instanceof ConsoleApiError && e.code === 'UNAUTHENTICATED') onSessionLost();
      setFailure({ id, text: f.s.errors[errorCode(e) as ConsoleErrorCode] });
    }
  };
  const reasonName = (key: string) => (s.reasons as Record<string, string>)[key] ?? key;
  const list = conflicts.state === 'done' ? conflicts.value.conflicts : [];
  const open = list.filter((k) => k.resolvedAt === null).length;

  return (
    <section className="card" aria-labelledby="h-conflicts">
      <h2 id="h-conflicts">{s.conflicts}</h2>
      <p className="muted">{s.conflictsHint}</p>
      <Pending loaded={conflicts} />
      {conflicts.state === 'done' && open === 0 && (
        <p className="ok-note" role="status">
          {s.noConflicts}
        </p>
      )}
      {list.length > 0 && (
        <div className="table-wrap">
          <table className="conflicts">
            <TableHead
              columns={[s.when, ...(campaignId ? [] : [s.campaign]), s.code, s.where, s.reason, { label: s.amount, num: true }, s.decision]}
            />
            <tbody>
              {list.map((k) => (
                <tr key={k.id} data-conflict-id={k.id} data-resolved={k.resolvedAt ? 'true' : 'false'}>
                  <td>{f.dateTime(k.redeemedAt)}</td>
                  {!campaignId && <td>{localName({ name: k.campaign, names: k.campaignNames }, f.lang)}</td>}
                  <td className="code">{k.code}</td>
                  <td>
                    {k.store}, {k.till}
                  </td>
                  <td>{reasonName(k.reason)}</td>
                  <td className="num">{k.currency ? f.money(k.discountMinor, k.currency) : f.number(k.discountMinor)}</td>
                  {k.resolvedAt && k.resolution ? (
                    <td className="decision">
                      <strong>{s.decisions[k.resolution]}</strong>
                      <br />
                      <span className="muted">{fill(s.decidedBy, { who: k.resolvedBy ?? '—', when: f.dateTime(k.resolvedAt) })}</span>
                      <br />
                      <q>{k.note ?? ''}</q>
                    </td>
                  ) : (
                    <td>
                      <div className="resolve">
                        <label>
                          {s.note}
                          <input
                            type="text"
                            maxLength={NOTE_MAX}
                            value={notes[k.id] ?? ''}
                            aria-invalid={failure?.id === k.id}
                            aria-describedby={failure?.id === k.id ? `conflict-error-${k.id}` : undefined}
                            onChange={(e) => {
                              setNotes({ ...notes, [k.id]: e.target.value });
                              if (failure?.id === k.id) setFailure(null);
                            }}
                          />
                        </label>
                        <span className="actions">
                          <button type="button" className="secondary" onClick={() => void resolve(k.id, 'discount_honoured')}>
                            {s.honour}
                          </button>
                          <button type="button" className="secondary" onClick={() => void resolve(k.id, 'discount_recovered')}>
                            {s.recover}
                          </button>
                        </span>
                        {failure?.id === k.id && (
                          <span className="error" role="alert" id={`conflict-error-${k.id}`}>
                            {failure.text}
                          </span>
                        )}
                      </div>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
