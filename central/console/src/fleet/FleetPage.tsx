import { useState, type FormEvent } from 'react';
import { fill, type ConsoleFormat } from '../../../../core/console/format.js';
import { MAX_SILENT_MINUTES, parseSilentMinutes } from '../../../../core/console/fleet.js';
import { syncStrings } from '../../../../core/sync/i18n.js';
import { useFormat } from '../format.js';
import { useLoad } from '../customers/useCustomers.js';
import { TableHead } from '../TableHead.js';
import { Pending } from '../Pending.js';

/** What central answers for the fleet page (central/src/fleet). */
interface FleetTill {
  id: string;
  name: string;
  paired: boolean;
  lastPullAt: string | null;
  lastPushAt: string | null;
  lastSeenAt: string | null;
  silent: boolean;
  appVersion: string | null;
  protocolVersion: number | null;
  queueDepth: number | null;
  queueOldestAt: string | null;
  rejectedOps: number;
  lastRejected: { type: string; reason: string; at: string } | null;
  openConflicts: number;
}
interface Fleet {
  now: string;
  silentMinutes: number;
  stores: { id: string; name: string; country: string; tills: FleetTill[] }[];
}

function when(f: ConsoleFormat, iso: string | null, now: string) {
  if (!iso) return <span className="muted">{f.s.ui.fleet.never}</span>;
  return (
    <time dateTime={iso} title={f.dateTime(iso)}>
      {f.ago(iso, now)}
    </time>
  );
}

/** Why central rejected an op, in the words the till's sync panel uses. */
function reasonName(f: ConsoleFormat, reason: string): string {
  return (syncStrings[f.lang].ui.sync.reasons as Record<string, string>)[reason] ?? reason;
}

/** The silent limit, in the address so a view can be shared and reloaded. */
function LimitForm({ minutes, navigate }: { minutes: number; navigate: (to: string) => void }) {
  const f = useFormat();
  const s = f.s.ui.fleet;
  const [typed, setTyped] = useState(String(minutes));
  const [bad, setBad] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = parseSilentMinutes(typed);
    setBad(n === null);
    if (n !== null) navigate(`/console/fleet?silentMinutes=${n}`);
  };
  return (
    <form className="card fleet-limit" onSubmit={submit} aria-label={s.limit}>
      <label>
        {s.limit}
        <input name="silentMinutes" inputMode="numeric" value={typed} onChange={(e) => setTyped(e.target.value)} aria-invalid={bad} required />
      </label>
      <button type="submit" className="primary">
        {s.apply}
      </button>
      {bad && (
        <p className="error" role="alert">
          {fill(s.badLimit, { max: f.number(MAX_SILENT_MINUTES) })}
        </p>
      )}
    </form>
  );
}

function TillRow({ till, now }: { till: FleetTill; now: string }) {
  const f = useFormat();
  const s = f.s.ui.fleet;
  const status = !till.paired ? 'not-paired' : till.silent ? 'silent' : 'ok';
  return (
    <tr data-till-id={till.id} data-status={status}>
      <th scope="row">
        {till.name} <span className="muted">{till.id}</span>
      </th>
      <td>
        <span className={`badge badge-${status}`}>{status === 'ok' ? s.ok : status === 'silent' ? s.silent : s.notPaired}</span>
      </td>
      <td>{when(f, till.lastPullAt, now)}</td>
      <td>{when(f, till.lastPushAt, now)}</td>
      <td>
        {till.queueDepth === null ? (
          <span className="muted">{s.unknown}</span>
        ) : till.queueDepth === 0 || !till.queueOldestAt ? (
          s.queueEmpty
        ) : (
          f.plural(s.queueWaiting, till.queueDepth, { age: f.ago(till.queueOldestAt, now) })
        )}
      </td>
      <td className={`num${till.rejectedOps > 0 ? ' bad' : ''}`}>
        {f.number(till.rejectedOps)}
        {till.lastRejected && (
          <span className="muted last-rejected" title={till.lastRejected.type}>
            {fill(s.lastRejected, { reason: reasonName(f, till.lastRejected.reason), age: f.ago(till.lastRejected.at, now) })}
          </span>
        )}
      </td>
      <td className={`num${till.openConflicts > 0 ? ' bad' : ''}`}>{f.number(till.openConflicts)}</td>
      <td>{till.appVersion ? `${till.appVersion} / ${till.protocolVersion ?? '?'}` : <span className="muted">{s.unknown}</span>}</td>
    </tr>
  );
}

export function FleetPage({ search, navigate, onSessionLost }: { search: string; navigate: (to: string) => void; onSessionLost: () => void }) {
  const f = useFormat();
  const s = f.s.ui.fleet;
  const loaded = useLoad<Fleet>(`/fleet${search}`, onSessionLost);
  if (loaded.state !== 'done') {
    return (
      <main className="page">
        <h1>{s.heading}</h1>
        <Pending loaded={loaded} />
      </main>
    );
  }
  const fleet = loaded.value;
  const silent = fleet.stores.flatMap((st) => st.tills).filter((t) => t.silent).length;
  return (
    <main className="page">
      <h1>{s.heading}</h1>
      <p className={silent > 0 ? 'error' : 'ok-note'} role="status">
        {silent > 0 ? f.plural(s.silentCount, silent) : s.allHeard}
      </p>
      <p className="muted">{fill(s.silentRule, { count: f.number(fleet.silentMinutes) })}</p>
      <LimitForm minutes={fleet.silentMinutes} navigate={navigate} />
      {fleet.stores.map((store) => (
        <section key={store.id} className="card" aria-labelledby={`store-${store.id}`} data-store-id={store.id}>
          <h2 id={`store-${store.id}`}>
            {store.name} <span className="muted">{store.id}</span>
          </h2>
          {store.tills.length === 0 ? (
            <p className="muted">{s.noTills}</p>
          ) : (
            <div className="table-wrap" tabIndex={0} role="region" aria-label={store.name}>
              <table className="fleet">
                <TableHead columns={[s.till, s.status, s.lastPull, s.lastPush, s.queue, { label: s.rejected, num: true }, { label: s.conflicts, num: true }, s.version]} />
                <tbody>
                  {store.tills.map((till) => (
                    <TillRow key={till.id} till={till} now={fleet.now} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ))}
    </main>
  );
}
